package io.stylegan4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.io.SharedDir;
import io.stylegan4j.random.NumpyRandom;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesOnePngPerSeedAndANearSquareGrid() throws Exception {
        Path a = tmp.resolve("a");
        Cli.Result r = Cli.ok("generate", "--network", Cli.model().toString(), "--seeds", "0-2,42", "--outdir", a.toString(),
                "--grid", "--batch", "3");
        assertTrue(r.out().contains("wrote 4 images"), r.out());
        try (Stream<Path> files = Files.list(a)) {
            assertEquals(5, files.count(), "4 seeds + grid.png");
        }
        for (String n : new String[] {"seed0000.png", "seed0001.png", "seed0002.png", "seed0042.png"}) {
            BufferedImage img = Cli.read(a.resolve(n));
            assertEquals(32, img.getWidth(), n);
            assertEquals(32, img.getHeight(), n);
        }
        BufferedImage grid = Cli.read(a.resolve("grid.png"));
        assertEquals(64, grid.getWidth(), "4 images -> 2 columns");
        assertEquals(64, grid.getHeight(), "4 images -> 2 rows");
        assertArrayEquals(Cli.pixels(Cli.read(a.resolve("seed0042.png"))), Cli.pixels(grid, 32, 32, 32, 32), "last cell is seed 42");
        assertFalse(Arrays.equals(Cli.bytes(a.resolve("seed0000.png")), Cli.bytes(a.resolve("seed0001.png"))), "seeds differ");
    }

    @Test
    void sameSeedTwiceGivesIdenticalBytes() {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        Cli.ok("generate", "--network", Cli.model().toString(), "--seeds", "7,42", "--outdir", a.toString());
        Cli.ok("generate", "--network", Cli.model().toString(), "--seeds", "7,42", "--outdir", b.toString());
        assertArrayEquals(Cli.bytes(a.resolve("seed0042.png")), Cli.bytes(b.resolve("seed0042.png")));
    }

    @Test
    void batchSizeMovesAPixelByAtMostOneLevel() {
        // The per-sample grouped convolution sums in a batch-size-dependent order, so a seed rendered beside
        // others can differ from itself rendered alone in the last float bits, hence by one uint8 level.
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        Cli.ok("generate", "--network", Cli.model().toString(), "--seeds", "7,42", "--outdir", a.toString(), "--batch", "2");
        Cli.ok("generate", "--network", Cli.model().toString(), "--seeds", "42", "--outdir", b.toString(), "--batch", "1");
        Cli.assertClose(Cli.read(a.resolve("seed0042.png")), Cli.read(b.resolve("seed0042.png")), 0, 0);
    }

    @Test
    void randomNoiseIsReproduciblePerSeed() {
        Path a = tmp.resolve("a"), b = tmp.resolve("b"), c = tmp.resolve("c");
        Cli.ok("generate", "--network", Cli.model().toString(), "--seeds", "3,5", "--noise-mode", "random", "--outdir", a.toString());
        Cli.ok("generate", "--network", Cli.model().toString(), "--seeds", "5", "--noise-mode", "random", "--outdir", b.toString());
        Cli.ok("generate", "--network", Cli.model().toString(), "--seeds", "5", "--noise-mode", "const", "--outdir", c.toString());
        assertArrayEquals(Cli.bytes(a.resolve("seed0005.png")), Cli.bytes(b.resolve("seed0005.png")));
        assertFalse(Arrays.equals(Cli.bytes(b.resolve("seed0005.png")), Cli.bytes(c.resolve("seed0005.png"))),
                "random noise differs from the constant noise");
    }

    @Test
    void zForASeedIsNumpysRandnCastToFloat() {
        SafeTensors ref = SafeTensors.read(SharedDir.fixture("numpy-seeds", "z.safetensors"));
        for (long seed : new long[] {0, 42, 4294967295L}) {
            double[] expected = ref.get("z.seed" + seed).toDoubleArray();
            float[] z = NumpyRandom.latent(seed, 512);
            for (int i = 0; i < 512; i++) assertEquals((float) expected[i], z[i], "seed " + seed + " index " + i);
        }
    }
}
