package io.stylegan4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.checkpoint.OfficialKwargs;
import io.stylegan4j.checkpoint.StateDicts;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.ConvForm;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.parity.FixtureFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The generator API against the official fixture (sg2-skip-resnet-32, num_ws 8, eval mode): style mixing through
 * {@link Generator.Options} reproduces {@code ws_mix}/{@code img_mix}; explicit noise tensors stand in for the stored
 * buffers exactly and receive the same gradients the official projector gets by optimizing the buffers in place.
 */
class GeneratorApiTest {
    private static final FixtureFolder FX = new FixtureFolder(TestSupport.fixture("sg2-skip-resnet-32"), TestSupport.cpu());

    private static Generator fixtureG() {
        Generator g = new Generator(OfficialKwargs.generator(FX.config().path("G_kwargs")), FX.device());
        g.load(StateDicts.read(FX.g(), "", FX.device()), "G.safetensors");
        g.train(false);
        return g;
    }

    private static Tensor io(String name) {
        return FixtureFolder.tensor(FX.io(), name, FX.device());
    }

    /** The fixture's forward tolerance: |a - b| <= 1e-5 + 1e-5 max|ref| (see the fixtures README). */
    private static void assertMatches(String name, Tensor actual) {
        float[] a = Tensors.toFloats(actual), ref = FixtureFolder.floats(FX.io(), name);
        assertEquals(ref.length, a.length, name + " size");
        double scale = 0;
        for (float r : ref) scale = Math.max(scale, Math.abs(r));
        for (int i = 0; i < a.length; i++)
            assertEquals(ref[i], a[i], 1e-5 + 1e-5 * scale, name + "[" + i + "]");
    }

    private static Set<Integer> fixtureMixLayers() {
        float[] fromZ2 = FixtureFolder.floats(FX.io(), "mix_from_z2");
        Set<Integer> out = new TreeSet<>();
        for (int l = 0; l < fromZ2.length; l++) if (fromZ2[l] != 0) out.add(l);
        return out;
    }

    @Test
    void styleMixFromASecondLatentMatchesTheFixture() {
        Generator g = fixtureG();
        Set<Integer> layers = fixtureMixLayers();
        assertEquals(Set.of(3, 4, 5, 6, 7), layers, "the fixture's crossover is at layer 3");
        Generator.Options o = Generator.Options.DEFAULT.withNoise(Noise.CONST).withForm(ConvForm.GROUPED)
                .withMix(StyleMix.latent(io("z2"), layers));
        Generator.Output out = g.forward(io("z"), null, o);
        assertMatches("ws_mix", out.ws());
        assertMatches("img_mix", out.img());
        // The same mix from ws (the mix command's way) and as the training step's crossover.
        Tensor viaWs = g.forward(io("z"), null, o.withMix(StyleMix.ws(g.ws(io("z2"), null, Truncation.NONE), layers))).ws();
        assertEquals(0.0, Tensors.item(viaWs.sub(out.ws()).abs().max()), 0.0);
        assertEquals(layers, StyleMix.crossover(3, g.numWs()));
    }

    @Test
    void mixTakesExactlyTheNamedLayers() {
        Tensor ws = io("ws_psi1"), ws2 = io("ws2_psi1");
        Set<Integer> layers = Set.of(0, 2, 5, 6, 7);
        Tensor mixed = StyleMix.mix(ws, ws2, layers);
        for (int l = 0; l < 8; l++) {
            Tensor want = (layers.contains(l) ? ws2 : ws).select(1, l);
            assertEquals(0.0, Tensors.item(mixed.select(1, l).sub(want).abs().max()), 0.0, "layer " + l);
        }
        assertSame(ws, StyleMix.mix(ws, ws2, Set.of()), "no layer: the ws themselves");
        assertThrows(IllegalArgumentException.class, () -> StyleMix.mix(ws, ws2, Set.of(8)));
    }

    @Test
    void noiseLayersAreListedInOrderWithTheirResolutions() {
        Generator g = fixtureG();
        List<NoiseLayer> layers = g.noiseLayers();
        int[] res = layers.stream().mapToInt(NoiseLayer::resolution).toArray();
        assertArrayEquals(new int[] {4, 8, 8, 16, 16, 32, 32}, res);
        for (int i = 0; i < layers.size(); i++) {
            NoiseLayer l = layers.get(i);
            assertEquals(i, l.index());
            assertSame(g.stateDict().get(l.name()), l.buffer(), l.name() + " is the stored buffer itself");
        }
        assertEquals("synthesis.b8.conv0.noise_const", layers.get(1).name());
    }

    @Test
    void explicitNoiseEqualToTheBuffersIsConstNoise() {
        Generator g = fixtureG();
        Tensor ws = io("ws_psi1");
        List<Tensor> noise = new ArrayList<>();
        for (NoiseLayer l : g.noiseLayers()) noise.add(l.buffer().clone());
        Tensor img = g.synthesize(ws, Noise.explicit(noise), ConvForm.GROUPED);
        assertMatches("img_const", img);
        assertEquals(0.0, Tensors.item(img.sub(g.synthesize(ws, Noise.CONST, ConvForm.GROUPED)).abs().max()), 0.0);
        assertThrows(IllegalArgumentException.class, () -> g.synthesize(ws, Noise.explicit(noise.subList(0, 6))));
        List<Tensor> wrong = new ArrayList<>(noise);
        wrong.set(2, noise.get(0));
        assertThrows(IllegalArgumentException.class, () -> g.synthesize(ws, Noise.explicit(wrong)), "a 4x4 tensor for an 8x8 layer");
    }

    /**
     * d loss / d noise through explicit tensors equals what the official projector gets by making the buffers
     * themselves require gradients under CONST noise: the same function of the same values, reached two ways.
     */
    @Test
    void gradientsFlowIntoExplicitNoise() {
        Generator g = fixtureG();
        g.requiresGrad(false);
        Tensor ws = io("ws_psi1"), weight = io("pl_noise");
        List<NoiseLayer> layers = g.noiseLayers();
        Tensor[] explicit = new Tensor[layers.size()], buffers = new Tensor[layers.size()];
        for (int i = 0; i < explicit.length; i++) {
            // Per-sample noise [N, 1, res, res], the shape a projector of N images optimizes.
            explicit[i] = layers.get(i).buffer().unsqueeze(0).unsqueeze(0).repeat(4, 1, 1, 1).detach().requires_grad_(true);
            buffers[i] = layers.get(i).buffer().requires_grad_(true);
        }
        Tensor viaExplicit = g.synthesize(ws, Noise.explicit(List.of(explicit)), ConvForm.SHARED_WEIGHT).mul(weight).sum();
        Tensor[] gExplicit = Tensors.gradAllowUnused(viaExplicit, false, explicit);
        Tensor viaBuffers = g.synthesize(ws, Noise.CONST, ConvForm.SHARED_WEIGHT).mul(weight).sum();
        Tensor[] gBuffers = Tensors.gradAllowUnused(viaBuffers, false, buffers);
        for (int i = 0; i < explicit.length; i++) {
            assertArrayEquals(new long[] {4, 1, layers.get(i).resolution(), layers.get(i).resolution()}, Tensors.shape(gExplicit[i]));
            Tensor summed = gExplicit[i].sum(new long[] {0, 1}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
            double scale = Tensors.item(gBuffers[i].abs().max());
            assertTrue(scale > 1e-6, "layer " + i + " receives a gradient");
            assertTrue(Tensors.item(summed.sub(gBuffers[i]).abs().max()) <= 1e-5 * scale, "layer " + i + " gradients agree");
        }
    }
}
