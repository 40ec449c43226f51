package io.stylegan4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.io.SafeTensorsWriter;
import io.stylegan4j.model.Generator;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.ConvForm;
import io.stylegan4j.ops.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    private static final Device CPU = TestSupport.cpu();

    @Test
    void convertedOfficialWeightsRoundTripAndGenerateTheFixtureImages(@TempDir Path tmp) {
        Path fx = TestSupport.fixture("sg2-skip-resnet-32");
        Path out = tmp.resolve("model.safetensors");
        OfficialImport.convert(fx, out, CPU);
        ModelFile.Contents c = ModelFile.read(out);
        assertEquals(32, c.gConfig().imgResolution());
        assertTrue(c.hasD());
        assertTrue(c.provenance().library().startsWith("stylegan4j"));
        Generator g = ModelFile.loadGenerator(out, CPU);
        SafeTensors io = SafeTensors.read(fx.resolve("io.safetensors"));
        Tensor ws = Tensors.fromFloats(io.get("ws_psi1").toFloatArray(), io.get("ws_psi1").shape());
        float[] img = Tensors.toFloats(g.synthesize(ws, Noise.CONST, ConvForm.GROUPED));
        float[] ref = io.get("img_const").toFloatArray();
        for (int i = 0; i < img.length; i++) assertEquals(ref[i], img[i], 1e-4, "pixel " + i);
        assertEquals(37, c.tensors().names().stream().filter(n -> n.startsWith("D.")).count(), "every official D key");
        assertEquals(75, c.tensors().names().stream().filter(n -> n.startsWith("G_ema.")).count(), "every official G key");
    }

    @Test
    void badInputGetsOneClearError(@TempDir Path tmp) throws Exception {
        var e1 = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(tmp.resolve("nope.safetensors")));
        assertTrue(e1.getMessage().contains("does not exist"));
        Path plain = tmp.resolve("plain.safetensors");
        SafeTensors.writer().put("x", "F32", new long[] {1}, new float[] {1}).write(plain);
        var e2 = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(plain));
        assertTrue(e2.getMessage().contains("not a stylegan4j model"));
        Path garbage = tmp.resolve("garbage.safetensors");
        Files.write(garbage, new byte[] {1, 2, 3});
        assertThrows(RuntimeException.class, () -> ModelFile.read(garbage));
        // An official folder whose G has a wrongly shaped tensor names it.
        Path bad = tmp.resolve("bad");
        Files.createDirectories(bad);
        Path fx = TestSupport.fixture("sg2-skip-resnet-32");
        Files.copy(fx.resolve("config.json"), bad.resolve("config.json"));
        SafeTensors g = SafeTensors.read(fx.resolve("G.safetensors"));
        SafeTensorsWriter w = SafeTensors.writer();
        for (String n : g.names()) {
            SafeTensors.Entry en = g.get(n);
            if (n.equals("mapping.fc0.weight")) w.put(n, "F32", new long[] {32, 31}, new float[32 * 31]);
            else w.put(n, "F32", en.shape(), en.toFloatArray());
        }
        w.write(bad.resolve("G.safetensors"));
        var e3 = assertThrows(IllegalArgumentException.class, () -> OfficialImport.load(bad, CPU));
        assertTrue(e3.getMessage().contains("mapping.fc0.weight") && e3.getMessage().contains("[32, 31]"), e3.getMessage());
    }
}
