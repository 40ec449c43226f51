package io.stylegan4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.io.StateDicts;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.Generator;
import io.stylegan4j.nn.NoiseMode;
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
            close(t(IO, "ws_psi1"), gEma.mapping.forward(z, null, 1, null, false), tol, "G_ema ws_psi1");
            close(t(IO, "ws_psi0.7"), gEma.mapping.forward(z, null, 0.7, null, false), tol, "G_ema ws_psi0.7");
            close(t(IO, "ws_psi0.5_cutoff2"), gEma.mapping.forward(z, null, 0.5, 2, false), tol, "G_ema ws_psi0.5_cutoff2");
            close(t(IO, "img_const"), gEma.synthesis.forward(t(IO, "ws_psi1"), NoiseMode.CONST, null), tol, "G_ema img_const");
            close(t(IO, "img_none"), gEma.synthesis.forward(t(IO, "ws_psi1"), NoiseMode.NONE, null), tol, "G_ema img_none");
            close(t(IO, "img_mix"), gEma.synthesis.forward(t(IO, "ws_mix"), NoiseMode.CONST, null), tol, "G_ema img_mix");
            close(t(IO, "img_const_psi0.7"), gEma.forward(z, null, 0.7, null, NoiseMode.CONST), tol, "G_ema img_const_psi0.7");

            Generator g = c.generator(ForeignCheckpoint.Which.G, CPU);
            close(t(NONEMA, "ws_psi1"), g.mapping.forward(z, null, 1, null, false), tol, "G ws_psi1");
            close(t(NONEMA, "img_const"), g.synthesis.forward(t(NONEMA, "ws_psi1"), NoiseMode.CONST, null), tol, "G img_const");
            close(t(NONEMA, "img_const_psi0.7"), g.forward(z, null, 0.7, null, NoiseMode.CONST), tol, "G img_const_psi0.7");

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

    /**
     * rosinality's train.py checkpoint against its own outputs. The per-sample noise images (img_trunc1, img_mix) need
     * explicit noise inputs, which the generator does not take yet; their latents are checked, and D is checked on them.
     */
    @Test
    void rosinalityTrainCheckpoint() {
        SafeTensors r = SafeTensors.read(DIR.resolve("rosinality-train-16.safetensors"));
        ForeignCheckpoint c = Checkpoints.read(DIR.resolve("rosinality-train-16.pt"));
        assertEquals(java.util.Map.of(4, 24, 8, 32, 16, 16), c.gConfig().channelTable());
        assertEquals(java.util.Map.of(16, 16, 8, 24, 4, 32), c.dConfig().channelTable());
        assertNotNull(c.about().get("w_avg"), "a train checkpoint has no latent_avg: say how w_avg was made");
        try (PointerScope s = new PointerScope(); NoGradGuard ng = new NoGradGuard()) {
            Generator gEma = c.generator(ForeignCheckpoint.Which.G_ema, CPU);
            Tensor z = t(r, "z"), ws = gEma.mapping.forward(z, null, 1, null, false);
            close(t(r, "styles"), ws.select(1, 0), TOL, "styles");
            close(t(r, "latent_trunc1"), ws, TOL, "latent_trunc1");
            Tensor mean = gEma.mapping.forward(t(r, "mean_latent_z"), null, 1, null, false).select(1, 0).mean(new long[] {0}, true,
                    new org.bytedeco.pytorch.ScalarTypeOptional());
            close(t(r, "mean_latent"), mean, TOL, "mean_latent");
            gEma.mapping.wAvg().copy_(mean.squeeze(0));
            close(t(r, "latent_trunc0.7"), gEma.mapping.forward(z, null, 0.7, null, false), TOL, "latent_trunc0.7");
            Tensor ws2 = gEma.mapping.forward(t(r, "z2"), null, 1, null, false);
            Tensor mixed = org.bytedeco.pytorch.global.torch.cat(new org.bytedeco.pytorch.TensorVector(ws.narrow(1, 0, 2), ws2.narrow(1, 2, 4)), 1);
            close(t(r, "latent_mix"), mixed, TOL, "latent_mix");
            close(t(r, "img_buffer_noise"), gEma.synthesis.forward(ws, NoiseMode.CONST, null), TOL, "img_buffer_noise");

            Generator g = c.generator(ForeignCheckpoint.Which.G, CPU);
            close(t(r, "g_img_buffer_noise"), g.synthesis.forward(g.mapping.forward(z, null, 1, null, false), NoiseMode.CONST, null),
                    TOL, "g_img_buffer_noise");

            Discriminator d = c.discriminator(CPU);
            close(t(r, "d_logits_x"), d.forward(t(r, "x"), null), TOL, "d_logits_x");
            close(t(r, "d_logits_img_trunc1"), d.forward(t(r, "img_trunc1"), null), TOL, "d_logits_img_trunc1");
        }
    }
}
