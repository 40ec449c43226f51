package io.stylegan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.Generator;
import io.stylegan4j.ops.Tensors;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @Test
    void roundTripRestoresEveryTensorAndTheRng(@TempDir Path tmp) {
        var dev = TestSupport.cpu();
        TrainingOptions o = TinyRun.options(1, 1);
        torch.manual_seed(1);
        Generator g = new Generator(o.g(), dev), ema = new Generator(o.g(), dev);
        Discriminator d = new Discriminator(o.d(), dev);
        Adam optG = new Adam(g.parameters(), o.gOpt()), optD = new Adam(d.parameters(), o.dOpt());
        // One step each, so both optimizers hold non-zero moments that a lost or swapped tensor would show.
        d.forward(torch.randn(new long[] {4, 3, 16, 16})).sum().backward();
        optD.step();
        g.generate(torch.randn(new long[] {2, o.g().zDim()}), null, Generator.Options.DEFAULT).square().mean().backward();
        optG.step();
        optG.step();
        Tensor pl = torch.full(new long[] {}, Tensors.scalar(0.75));
        Path f = tmp.resolve("network-snapshot-000001.safetensors");
        Checkpoint.save(f, o, new Checkpoint.State(1000, 125, 3, 960, 2, 1), g, d, ema, optG, optD, pl,
                ModelFile.Provenance.now("builtin:16", "abc", 1000, Map.of()));
        float[] next = Tensors.toFloats(torch.randn(new long[] {5}));

        torch.manual_seed(99);
        Generator g2 = new Generator(o.g(), dev), ema2 = new Generator(o.g(), dev);
        Discriminator d2 = new Discriminator(o.d(), dev);
        Adam optG2 = new Adam(g2.parameters(), o.gOpt()), optD2 = new Adam(d2.parameters(), o.dOpt());
        Tensor pl2 = torch.zeros(new long[] {});
        Checkpoint.Loaded l = Checkpoint.restore(f, g2, d2, ema2, optG2, optD2, pl2, dev);
        assertEquals(new Checkpoint.State(1000, 125, 3, 960, 2, 1), l.state());
        assertEquals(o, l.opts());
        assertArrayEquals(next, Tensors.toFloats(torch.randn(new long[] {5})), "the RNG continues where it was saved");
        assertEquals(0.75, Tensors.item(pl2), 0);
        same(g.stateDict(), g2.stateDict());
        same(d.stateDict(), d2.stateDict());
        same(ema.stateDict(), ema2.stateDict());
        same(optG.stateDict(), optG2.stateDict());
        same(optD.stateDict(), optD2.stateDict());
        assertEquals(2, optG2.stepCount());
        assertEquals(1, optD2.stepCount());
        // A snapshot is also a model file: generate can load it.
        assertEquals(o.g(), ModelFile.read(f).gConfig());
    }

    @Test
    void resumeRefusesAPlainModelFile(@TempDir Path tmp) {
        var dev = TestSupport.cpu();
        TrainingOptions o = TinyRun.options(1, 1);
        Path f = tmp.resolve("m.safetensors");
        ModelFile.write(f, new Generator(o.g(), dev), null, null, ModelFile.Provenance.now(null, null, 0, Map.of()));
        var e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.readHeader(f, io.stylegan4j.io.SafeTensors.read(f)));
        assertTrue(e.getMessage().contains("without training state"), e.getMessage());
    }

    private static void same(Map<String, Tensor> a, Map<String, Tensor> b) {
        assertEquals(a.keySet(), b.keySet());
        assertTrue(!a.isEmpty());
        for (String k : a.keySet()) assertArrayEquals(Tensors.toFloats(a.get(k)), Tensors.toFloats(b.get(k)), k);
    }
}
