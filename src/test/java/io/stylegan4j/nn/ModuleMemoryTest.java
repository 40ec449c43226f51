package io.stylegan4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.GeneratorConfig;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.ops.ConvForm;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.train.Adam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** Native memory is owned by the module tree: it survives the scope it was built in and goes away on close. */
class ModuleMemoryTest {
    private static final Device CPU = TestSupport.cpu();
    private static final GeneratorConfig SMALL = GeneratorConfig.of(16, 3).withLatent(32, 32).withMappingLayers(2).withChannels(1024, 64);

    /**
     * A generator built inside a scope that has since closed computes exactly what one built outside computes: every
     * tensor it uses (parameters, buffers, the resampling filter's 1-D and 2-D taps) is its own. The filler tensors
     * take over any memory the scope freed, so reading freed memory would show as NaN.
     */
    @Test
    void aGeneratorBuiltInsideAClosedScopeStillRuns() {
        torch.manual_seed(4);
        Generator outside = new Generator(SMALL, CPU);
        Generator inside;
        torch.manual_seed(4);
        try (PointerScope scope = new PointerScope()) {
            inside = new Generator(SMALL, CPU);
        }
        List<Tensor> filler = new ArrayList<>();
        for (int i = 0; i < 2000; i++) filler.add(torch.full(new long[] {1 + i % 16}, Tensors.scalar(Double.NaN)));
        Map<String, Tensor> a = outside.fullStateDict(), b = inside.fullStateDict();
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) assertArrayEquals(Tensors.toFloats(a.get(k)), Tensors.toFloats(b.get(k)), k);
        try (NoGradGuard ng = new NoGradGuard()) {
            Tensor ws = outside.ws(torch.randn(new long[] {2, SMALL.zDim()}), null, Truncation.NONE);
            for (ConvForm form : ConvForm.values()) {
                float[] want = Tensors.toFloats(outside.synthesize(ws, Noise.CONST, form));
                assertArrayEquals(want, Tensors.toFloats(inside.synthesize(ws, Noise.CONST, form)), form.toString());
            }
        }
        assertEquals(2000, filler.size());
        outside.close();
        inside.close();
    }

    /**
     * 1,000 generators with their optimizers, each about 0.9 MB of parameters plus 1.8 MB of moments, built and
     * closed: the process does not grow. (Unreachable tensors would also go when the collector runs; close does not
     * wait for it, which {@link #closeFreesEveryTensorDeterministically} shows.)
     */
    @Test
    void closingReleasesTheNativeMemory() {
        long after200 = 0;
        for (int i = 0; i < 1000; i++) {
            try (Generator g = new Generator(SMALL, CPU); Adam opt = new Adam(g.parameters(), new Adam.Settings(0.002, 0, 0.99, 1e-8))) {
                assertTrue(g.parameterCount() > 100_000);
            }
            if (i % 100 == 99) System.gc(); // Java's own garbage would grow the heap and blur the native figure
            if (i == 199) after200 = rssKb();
        }
        long growthMb = (rssKb() - after200) / 1024;
        assertTrue(growthMb < 50, "RSS grew by " + growthMb + " MB over the last 800 generators");
    }

    /** close frees at once, without the garbage collector: every tensor of the tree, constants included, is gone. */
    @Test
    void closeFreesEveryTensorDeterministically() {
        Generator g = new Generator(SMALL, CPU);
        List<Tensor> all = new ArrayList<>(g.fullStateDict().values());
        g.close();
        assertTrue(all.size() > 40);
        for (Tensor t : all) assertTrue(t.isNull(), "freed on close");
        g.close();
        assertTrue(g.stateDict().isEmpty());
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
