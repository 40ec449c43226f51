package io.stylegan4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.checkpoint.StateDicts;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.StyleMix;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.Tensors;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/** Each foreign format of ../shared/fixtures/interop reproduces the outputs the official (or rosinality's) code gave. */
class CheckpointsTest {
    static final Device CPU = TestSupport.cpu();
    static final Path DIR = TestSupport.fixture("interop");
    static final SafeTensors IO = SafeTensors.read(TestSupport.fixture("sg2-skip-resnet-32").resolve("io.safetensors"));
    static final SafeTensors NONEMA = SafeTensors.read(DIR.resolve("sg2-skip-resnet-32-G-nonema.safetensors"));
    /** float32 rounding of a different but equivalent op order, relative to the output's scale. */
    static final double TOL = 2e-5;
    static final Generator.Options PSI07_CONST = Generator.Options.DEFAULT.withTruncation(Truncation.of(0.7)).withNoise(Noise.CONST);

    static Tensor t(SafeTensors f, String name) {
        return StateDicts.tensor(f, name, CPU);
    }

    static void close(Tensor expected, Tensor actual, double tol, String what) {
        double scale = Math.max(1, Tensors.item(expected.abs().max()));
        double diff = Tensors.item(expected.sub(actual).abs().max());
        assertTrue(diff <= tol * scale, what + ": max |diff| " + diff + " at scale " + scale);
    }

    /** G_ema (and G) of an official-layout checkpoint against sg2-skip-resnet-32's expected outputs. */
    static void checkOfficial(ForeignCheckpoint c, double tol) {
        try (PointerScope s = new PointerScope(); NoGradGuard ng = new NoGradGuard()) {
            Generator gEma = c.generator(ForeignCheckpoint.Which.G_ema, CPU);
            Tensor z = t(IO, "z");
            close(t(IO, "ws_psi1"), gEma.mapping.forward(z, null, Truncation.NONE, false), tol, "G_ema ws_psi1");
            close(t(IO, "ws_psi0.7"), gEma.mapping.forward(z, null, Truncation.of(0.7), false), tol, "G_ema ws_psi0.7");
            close(t(IO, "ws_psi0.5_cutoff2"), gEma.mapping.forward(z, null, new Truncation(0.5, 2), false), tol, "G_ema ws_psi0.5_cutoff2");
            close(t(IO, "img_const"), gEma.synthesize(t(IO, "ws_psi1"), Noise.CONST), tol, "G_ema img_const");
            close(t(IO, "img_none"), gEma.synthesize(t(IO, "ws_psi1"), Noise.NONE), tol, "G_ema img_none");
            close(t(IO, "img_mix"), gEma.synthesize(t(IO, "ws_mix"), Noise.CONST), tol, "G_ema img_mix");
            close(t(IO, "img_const_psi0.7"), gEma.generate(z, null, PSI07_CONST), tol, "G_ema img_const_psi0.7");

            Generator g = c.generator(ForeignCheckpoint.Which.G, CPU);
            close(t(NONEMA, "ws_psi1"), g.mapping.forward(z, null, Truncation.NONE, false), tol, "G ws_psi1");
            close(t(NONEMA, "img_const"), g.synthesize(t(NONEMA, "ws_psi1"), Noise.CONST), tol, "G img_const");
            close(t(NONEMA, "img_const_psi0.7"), g.generate(z, null, PSI07_CONST), tol, "G img_const_psi0.7");

            Discriminator d = c.discriminator(CPU);
            close(t(IO, "d_logits_x"), d.forward(t(IO, "x"), null), tol, "D d_logits_x");
            close(t(IO, "d_logits_img_const"), d.forward(t(IO, "img_const"), null), tol, "D d_logits_img_const");
        }
    }

    static void sameBits(SafeTensors expected, java.util.Map<String, TensorData> actual) {
        assertEquals(expected.names(), java.util.List.copyOf(actual.keySet()));
        for (String n : expected.names()) {
            assertTrue(java.util.Arrays.equals(expected.get(n).shape(), actual.get(n).shape()), n + " shape");
            assertTrue(java.util.Arrays.equals(expected.get(n).toFloatArray(), actual.get(n).data()), n + " values");
        }
    }

    @Test
    void nvlabsSnapshotPickle() {
        ForeignCheckpoint c = Checkpoints.read(DIR.resolve("sg2ada-skip-resnet-32.pkl"));
        // G_ema's state dict is the fixture's G.safetensors bit for bit, in the same key order; D likewise
        sameBits(SafeTensors.read(TestSupport.fixture("sg2-skip-resnet-32").resolve("G.safetensors")), c.gEma());
        sameBits(SafeTensors.read(TestSupport.fixture("sg2-skip-resnet-32").resolve("D.safetensors")), c.d());
        assertEquals(0.125, ((Number) c.about().get("augment_p")).doubleValue(), 1e-9);
        checkOfficial(c, TOL);
    }

    @Test
    void tf1Pickle() {
        ForeignCheckpoint c = Checkpoints.read(DIR.resolve("tf-stylegan2-32.pkl"));
        assertEquals(1024, c.gConfig().channelBase());
        checkOfficial(c, TOL);
    }

    /** rosinality's train.py checkpoint against its own outputs, per-sample noise passed as explicit noise tensors. */
    @Test
    void rosinalityTrainCheckpoint() {
        SafeTensors r = SafeTensors.read(DIR.resolve("rosinality-train-16.safetensors"));
        ForeignCheckpoint c = Checkpoints.read(DIR.resolve("rosinality-train-16.pt"));
        assertEquals(java.util.Map.of(4, 24, 8, 32, 16, 16), c.gConfig().channelTable());
        assertEquals(java.util.Map.of(16, 16, 8, 24, 4, 32), c.dConfig().channelTable());
        assertNotNull(c.about().get("w_avg"), "a train checkpoint has no latent_avg: say how w_avg was made");
        try (PointerScope s = new PointerScope(); NoGradGuard ng = new NoGradGuard()) {
            Noise noise = Noise.explicit(java.util.stream.IntStream.range(0, 5).mapToObj(i -> t(r, "noise_" + i)).toList());
            Generator gEma = c.generator(ForeignCheckpoint.Which.G_ema, CPU);
            Tensor z = t(r, "z"), ws = gEma.mapping.forward(z, null, Truncation.NONE, false);
            close(t(r, "styles"), ws.select(1, 0), TOL, "styles");
            close(t(r, "latent_trunc1"), ws, TOL, "latent_trunc1");
            close(t(r, "img_trunc1"), gEma.synthesize(ws, noise), TOL, "img_trunc1");
            close(t(r, "img_buffer_noise"), gEma.synthesize(ws, Noise.CONST), TOL, "img_buffer_noise");
            // truncation toward rosinality's mean_latent: the mean W of the given 256 latents, set as w_avg
            Tensor mean = gEma.mapping.forward(t(r, "mean_latent_z"), null, Truncation.NONE, false).select(1, 0)
                    .mean(new long[] {0}, true, new org.bytedeco.pytorch.ScalarTypeOptional());
            close(t(r, "mean_latent"), mean, TOL, "mean_latent");
            gEma.mapping.wAvg().copy_(mean.squeeze(0));
            Tensor trunc = gEma.mapping.forward(z, null, Truncation.of(0.7), false);
            close(t(r, "latent_trunc0.7"), trunc, TOL, "latent_trunc0.7");
            close(t(r, "img_trunc0.7"), gEma.synthesize(trunc, noise), TOL, "img_trunc0.7");
            // inject_index 2: ws 0-1 from z, 2.. from z2
            Tensor mixed = StyleMix.mix(ws, gEma.mapping.forward(t(r, "z2"), null, Truncation.NONE, false), java.util.Set.of(2, 3, 4, 5));
            close(t(r, "latent_mix"), mixed, TOL, "latent_mix");
            close(t(r, "img_mix"), gEma.synthesize(mixed, noise), TOL, "img_mix");

            Generator g = c.generator(ForeignCheckpoint.Which.G, CPU);
            Tensor gws = g.mapping.forward(z, null, Truncation.NONE, false);
            close(t(r, "g_img_trunc1"), g.synthesize(gws, noise), TOL, "g_img_trunc1");
            close(t(r, "g_img_buffer_noise"), g.synthesize(gws, Noise.CONST), TOL, "g_img_buffer_noise");

            Discriminator d = c.discriminator(CPU);
            close(t(r, "d_logits_x"), d.forward(t(r, "x"), null), TOL, "d_logits_x");
            close(t(r, "d_logits_img_trunc1"), d.forward(t(r, "img_trunc1"), null), TOL, "d_logits_img_trunc1");
        }
    }
}
