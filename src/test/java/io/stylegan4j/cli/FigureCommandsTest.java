package io.stylegan4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mix, truncation, noise and interpolate on the 32px fixture model (num_ws 8). */
class FigureCommandsTest {
    @TempDir
    Path tmp;

    private String net() {
        return Cli.model().toString();
    }

    @Test
    void mixGridHasAHeaderRowAndColumnAndAllLayersFromTheColumnGiveTheColumnImage() {
        Path d = tmp.resolve("mix");
        Cli.ok("mix", "--network", net(), "--rows", "1,2", "--cols", "4", "--styles", "0-7", "--outdir", d.toString(), "--batch", "1");
        BufferedImage grid = Cli.read(d.resolve("grid.png"));
        assertEquals(2 * 32, grid.getWidth(), "cols + 1 cells wide");
        assertEquals(3 * 32, grid.getHeight(), "rows + 1 cells high");
        assertTrue(Arrays.stream(Cli.pixels(grid, 0, 0, 32, 32)).allMatch(p -> (p & 0xffffff) == 0), "top-left cell is black");
        for (String n : List.of("4-4", "1-1", "2-2", "1-4", "2-4"))
            assertTrue(Files.exists(d.resolve(n + ".png")), n);
        // Every layer from column seed 4: the cell is column seed 4's own image (both rendered alone, --batch 1).
        assertArrayEquals(Cli.pixels(Cli.read(d.resolve("4-4.png"))), Cli.pixels(Cli.read(d.resolve("2-4.png"))));
        assertArrayEquals(Cli.pixels(Cli.read(d.resolve("2-4.png"))), Cli.pixels(grid, 32, 2 * 32, 32, 32), "grid cell (2, 1)");
        assertArrayEquals(Cli.pixels(Cli.read(d.resolve("1-1.png"))), Cli.pixels(grid, 0, 32, 32, 32), "left column: row seed 1");
    }

    @Test
    void mixWithCoarseLayersChangesTheRowImageAndMixesAreSeedImages() {
        Path d = tmp.resolve("mix"), g = tmp.resolve("gen");
        Cli.ok("mix", "--network", net(), "--rows", "1", "--cols", "3", "--preset", "coarse", "--outdir", d.toString(), "--batch", "1");
        Cli.ok("generate", "--network", net(), "--seeds", "1", "--outdir", g.toString(), "--batch", "1");
        int[] row = Cli.pixels(Cli.read(d.resolve("1-1.png")));
        assertArrayEquals(Cli.pixels(Cli.read(g.resolve("seed0001.png"))), row, "header images are generate's images");
        assertFalse(Arrays.equals(row, Cli.pixels(Cli.read(d.resolve("1-3.png")))), "coarse styles from seed 3 change it");
    }

    @Test
    void mixPresetsFollowTheResolutions() {
        assertEquals(List.of(0, 1, 2, 3), MixCommand.preset("coarse", 18));
        assertEquals(List.of(4, 5, 6, 7), MixCommand.preset("middle", 18));
        assertEquals(List.of(8, 9, 10, 11, 12, 13, 14, 15, 16, 17), MixCommand.preset("FINE", 18));
        Cli.Result r = Cli.run("mix", "--network", net(), "--rows", "1", "--cols", "2", "--preset", "fine", "--outdir", tmp.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: --preset fine selects no layer"), r.err());
    }

    @Test
    void truncationPsiOneIsGeneratesImageAndPsiZeroIsTheSameForEverySeed() {
        Path d = tmp.resolve("trunc"), g = tmp.resolve("gen");
        Cli.ok("truncation", "--network", net(), "--seeds", "3,9", "--psi=-0.5,0,1", "--outdir", d.toString());
        Cli.ok("generate", "--network", net(), "--seeds", "3,9", "--outdir", g.toString());
        BufferedImage grid = Cli.read(d.resolve("grid.png"));
        assertEquals(3 * 32, grid.getWidth());
        assertEquals(2 * 32, grid.getHeight());
        // Different batch compositions: equal up to one uint8 level (see GenerateCommandTest).
        Cli.assertClose(Cli.read(g.resolve("seed0009.png")), grid, 2 * 32, 32);
        Cli.assertClose(Cli.read(g.resolve("seed0003.png")), Cli.read(d.resolve("seed0003-psi1.0.png")), 0, 0);
        Cli.assertClose(Cli.read(d.resolve("seed0003-psi0.0.png")), Cli.read(d.resolve("seed0009-psi0.0.png")), 0, 0);
        assertFalse(Arrays.equals(Cli.pixels(Cli.read(d.resolve("seed0003-psi1.0.png"))),
                Cli.pixels(Cli.read(d.resolve("seed0009-psi1.0.png")))), "psi 1 keeps the seeds apart");
    }

    @Test
    void noiseWritesRealizationsAndANormalizedStddevMap() {
        Path d = tmp.resolve("noise");
        Cli.ok("noise", "--network", net(), "--seed", "42", "--samples", "4", "--outdir", d.toString());
        for (int i = 0; i < 4; i++) assertTrue(Files.exists(d.resolve(String.format("noise%02d.png", i))));
        assertFalse(Arrays.equals(Cli.pixels(Cli.read(d.resolve("noise00.png"))), Cli.pixels(Cli.read(d.resolve("noise01.png")))));
        BufferedImage grid = Cli.read(d.resolve("grid.png"));
        assertEquals(64, grid.getWidth());
        assertEquals(64, grid.getHeight());
        BufferedImage std = Cli.read(d.resolve("stddev.png"));
        assertEquals(32, std.getWidth());
        int max = 0;
        for (int y = 0; y < 32; y++) for (int x = 0; x < 32; x++) max = Math.max(max, std.getRaster().getSample(x, y, 0));
        assertEquals(255, max, "scaled so the largest std is white");
    }

    @Test
    void stddevIsThePopulationStdAveragedOverChannels() {
        // two realizations of a 1-pixel 2-channel image: channel stds 1 and 3 -> mean 2
        double[] std = NoiseCommand.stddev(List.of(new float[] {-1, -3}, new float[] {1, 3}), 2, 1);
        assertEquals(2.0, std[0], 1e-12);
    }

    @Test
    void interpolateStartsAtTheFirstSeedAndLoops() throws Exception {
        Path w = tmp.resolve("w"), z = tmp.resolve("z"), g = tmp.resolve("gen");
        Cli.ok("interpolate", "--network", net(), "--seeds", "0,5,9", "--frames", "2", "--outdir", w.toString(), "--batch", "1");
        Cli.ok("interpolate", "--network", net(), "--seeds", "0,5", "--space", "z", "--frames", "2", "--outdir", z.toString(), "--batch", "1");
        Cli.ok("generate", "--network", net(), "--seeds", "0,5", "--outdir", g.toString(), "--batch", "1");
        int[] seed0 = Cli.pixels(Cli.read(g.resolve("seed0000.png")));
        assertArrayEquals(seed0, Cli.pixels(Cli.read(w.resolve("frame0000.png"))), "W: frame 0 is seed 0");
        assertArrayEquals(Cli.pixels(Cli.read(g.resolve("seed0005.png"))), Cli.pixels(Cli.read(w.resolve("frame0002.png"))), "W: frame 2 is seed 5");
        assertArrayEquals(seed0, Cli.pixels(Cli.read(z.resolve("frame0000.png"))), "Z: frame 0 is seed 0");
        assertArrayEquals(Cli.pixels(Cli.read(g.resolve("seed0005.png"))), Cli.pixels(Cli.read(z.resolve("frame0002.png"))), "Z: frame 2 is seed 5");
        assertTrue(Files.exists(w.resolve("frame0005.png")), "9 -> 0 closes the loop");
        assertFalse(Files.exists(w.resolve("frame0006.png")));
        assertEquals(6, gifFrames(w.resolve("interpolation.gif")), "3 seeds x 2 frames, back to the first");
        assertEquals(4, gifFrames(z.resolve("interpolation.gif")));
        org.jcodec.api.FrameGrab mp4 = org.jcodec.api.FrameGrab.createFrameGrab(org.jcodec.common.io.NIOUtils.readableChannel(w.resolve("interpolation.mp4").toFile()));
        int frames = 0;
        while (mp4.getNativeFrame() != null) frames++;
        assertEquals(6, frames, "the MP4 has the GIF's frames");
    }

    @Test
    void slerpKeepsTheEndpointsAndFollowsTheSphere() {
        float[] a = {1, 0}, b = {0, 1};
        assertArrayEquals(a, InterpolateCommand.slerp(a, b, 0));
        float[] mid = InterpolateCommand.slerp(a, b, 0.5);
        assertEquals(Math.sqrt(0.5), mid[0], 1e-6);
        assertEquals(Math.sqrt(0.5), mid[1], 1e-6);
    }

    private static int gifFrames(Path gif) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            return r.getNumImages(true);
        }
    }
}
