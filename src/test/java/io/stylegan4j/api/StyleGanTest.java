package io.stylegan4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.nn.NoiseMode;
import io.stylegan4j.random.NumpyRandom;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StyleGanTest {
    @TempDir
    static Path dir;
    static StyleGan gan;   // unconditional
    static StyleGan cond;  // 4 classes

    @BeforeAll
    static void load() {
        gan = StyleGan.load(TestModels.tiny(dir, 0));
        cond = StyleGan.load(TestModels.tiny(dir, 4));
    }

    @AfterAll
    static void close() {
        gan.close();
        cond.close();
    }

    static int[] rgb(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void describesTheModel() {
        assertEquals(16, gan.resolution());
        assertEquals(3, gan.channels());
        assertEquals(6, gan.numWs());
        assertEquals(16, gan.zDim());
        assertEquals(0, gan.classes());
        assertEquals(4, cond.classes());
    }

    @Test
    void aSeedIsItsOfficialZ() {
        BufferedImage bySeed = gan.image(Latent.seed(42), Render.DEFAULT);
        BufferedImage byZ = gan.image(Latent.z(NumpyRandom.latent(42, 16)), Render.DEFAULT);
        assertEquals(16, bySeed.getWidth());
        assertArrayEquals(rgb(bySeed), rgb(byZ));
        assertFalse(Arrays.equals(rgb(bySeed), rgb(gan.image(43))));
    }

    @Test
    void psiZeroGivesWAvgOnTheCutoffLayersOnly() {
        float[] full = gan.ws(Latent.seed(5), Render.DEFAULT);
        float[] cut = gan.ws(Latent.seed(5), Render.DEFAULT.withTruncation(0, 2));
        float[] wAvg = {.5f, -.5f, .3f, .2f, -.1f, .8f, -.6f, .4f, .1f, -.2f, .3f, -.7f, .6f, .2f, -.3f, .05f};
        for (int l = 0; l < 6; l++) {
            float[] layer = Arrays.copyOfRange(cut, l * 16, (l + 1) * 16);
            assertArrayEquals(l < 2 ? wAvg : Arrays.copyOfRange(full, l * 16, (l + 1) * 16), layer, 1e-6f, "layer " + l);
        }
        // psi 0.5 is halfway between w and w_avg
        float[] half = gan.ws(Latent.seed(5), Render.DEFAULT.withPsi(0.5));
        for (int i = 0; i < half.length; i++) assertEquals((full[i] + wAvg[i % 16]) / 2, half[i], 1e-5f);
    }

    @Test
    void aWRendersAsTheSeedItCameFrom() {
        Render r = Render.DEFAULT.withPsi(0.7);
        float[] ws = gan.ws(Latent.seed(9), r);
        assertArrayEquals(rgb(gan.image(Latent.seed(9), r)), rgb(gan.image(Latent.w(ws), Render.DEFAULT)));
        // one w of w_dim values is used for every layer
        float[] one = Arrays.copyOf(ws, 16);
        float[] repeated = new float[ws.length];
        for (int l = 0; l < 6; l++) System.arraycopy(one, 0, repeated, l * 16, 16);
        assertArrayEquals(rgb(gan.image(Latent.w(repeated), Render.DEFAULT)), rgb(gan.image(Latent.w(one), Render.DEFAULT)));
    }

    @Test
    void styleMixingTakesExactlyTheNamedLayers() {
        float[] a = gan.ws(Latent.seed(1), Render.DEFAULT);
        float[] b = gan.ws(Latent.seed(2), Render.DEFAULT);
        float[] mixed = gan.ws(Latent.seed(1), Render.DEFAULT.withMix(Latent.seed(2), Layers.parse("2-3")));
        for (int l = 0; l < 6; l++) {
            float[] want = Arrays.copyOfRange(l == 2 || l == 3 ? b : a, l * 16, (l + 1) * 16);
            assertArrayEquals(want, Arrays.copyOfRange(mixed, l * 16, (l + 1) * 16), "layer " + l);
        }
        // coarse = 0-3 clipped to the model; fine (8-) selects nothing of a 6-ws model
        float[] coarse = gan.ws(Latent.seed(1), Render.DEFAULT.withMix(Latent.seed(2), Layers.COARSE));
        assertArrayEquals(Arrays.copyOfRange(b, 0, 64), Arrays.copyOfRange(coarse, 0, 64));
        assertArrayEquals(Arrays.copyOfRange(a, 64, 96), Arrays.copyOfRange(coarse, 64, 96));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gan.image(Latent.seed(1), Render.DEFAULT.withMix(Latent.seed(2), Layers.FINE)));
        assertTrue(e.getMessage().contains("num_ws 6"), e.getMessage());
    }

    @Test
    void lerpRunsStraightThroughW() {
        float[] a = gan.ws(Latent.seed(3), Render.DEFAULT);
        float[] b = gan.ws(Latent.seed(4), Render.DEFAULT);
        float[] q = gan.ws(Latent.lerp(Latent.seed(3), Latent.seed(4), 0.25), Render.DEFAULT);
        for (int i = 0; i < a.length; i++) assertEquals(a[i] + 0.25f * (b[i] - a[i]), q[i], 1e-6f);
        assertArrayEquals(rgb(gan.image(3)), rgb(gan.image(Latent.lerp(Latent.seed(3), Latent.seed(4), 0), Render.DEFAULT)));
    }

    @Test
    void noiseModes() {
        Render random = Render.DEFAULT.withRandomNoise(7);
        int[] r7 = rgb(gan.image(Latent.seed(0), random));
        assertArrayEquals(r7, rgb(gan.image(Latent.seed(0), random)), "the same noise seed gives the same noise");
        assertFalse(Arrays.equals(r7, rgb(gan.image(Latent.seed(0), Render.DEFAULT.withRandomNoise(8)))));
        assertFalse(Arrays.equals(rgb(gan.image(0)), rgb(gan.image(Latent.seed(0), Render.DEFAULT.withNoise(NoiseMode.NONE)))));
    }

    @Test
    void classesOfAConditionalModel() {
        int[] c0 = rgb(cond.image(Latent.seed(0), Render.DEFAULT.withClass(0)));
        assertFalse(Arrays.equals(c0, rgb(cond.image(Latent.seed(0), Render.DEFAULT.withClass(1)))));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> cond.image(0)).getMessage().contains("0..3"));
        assertThrows(IllegalArgumentException.class, () -> cond.image(Latent.seed(0), Render.DEFAULT.withClass(4)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> gan.image(Latent.seed(0), Render.DEFAULT.withClass(0)))
                .getMessage().contains("unconditional"));
    }

    @Test
    void batchesEqualSingleRendersWithRandomNoise() throws Exception {
        Render r = Render.DEFAULT.withRandomNoise(100).withPsi(0.8);
        List<BufferedImage> batch = gan.images(List.of(Latent.seed(10), Latent.seed(11), Latent.seed(12)), r);
        for (int i = 0; i < 3; i++)
            assertArrayEquals(rgb(gan.image(Latent.seed(10 + i), r.withRandomNoise(100 + i))), rgb(batch.get(i)), "image " + i);
        // CONST noise: one forward pass; equal to single renders within one uint8 level
        List<BufferedImage> constBatch = gan.images(List.of(Latent.seed(10), Latent.seed(11)), Render.DEFAULT);
        int[] one = rgb(gan.image(11)), inBatch = rgb(constBatch.get(1));
        for (int i = 0; i < one.length; i++)
            for (int shift = 0; shift < 24; shift += 8)
                assertTrue(Math.abs((one[i] >> shift & 0xff) - (inBatch[i] >> shift & 0xff)) <= 1);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(gan.png(Latent.seed(11), Render.DEFAULT)));
        assertArrayEquals(one, rgb(decoded));
    }

    @Test
    void badLatentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Latent.seed(-1));
        assertThrows(IllegalArgumentException.class, () -> Latent.seed(1L << 32));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> gan.image(Latent.z(new float[3]), Render.DEFAULT))
                .getMessage().contains("z_dim = 16"));
        assertThrows(IllegalArgumentException.class, () -> gan.image(Latent.w(new float[17]), Render.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> Latent.z(new float[] {Float.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Render.DEFAULT.withPsi(Double.POSITIVE_INFINITY));
    }

    @Test
    void closedInstancesRefuseWork() {
        StyleGan g = StyleGan.load(dir.resolve("tiny-0.safetensors"));
        g.image(0);
        g.close();
        assertThrows(IllegalStateException.class, () -> g.image(0));
        g.close(); // idempotent
    }
}
