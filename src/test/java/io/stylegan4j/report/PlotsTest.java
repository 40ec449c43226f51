package io.stylegan4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    @TempDir
    Path tmp;

    private static List<Map<String, Object>> records() {
        List<Map<String, Object>> rs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Map<String, Object> r = new HashMap<>();
            r.put("kimg", i * 4.0);
            r.put("Loss/G", 2.0 / (1 + i));
            r.put("Loss/D", i == 5 ? Double.NaN : 1.0 + 0.1 * Math.sin(i));
            r.put("Loss/r1", Map.of("num", 4, "mean", 0.01 * i, "std", 0.0)); // official stats.jsonl form
            r.put("sec_per_kimg", i == 7 ? Double.POSITIVE_INFINITY : 3.5);
            rs.add(r);
        }
        return rs;
    }

    @Test
    void aChartThatCannotBeDrawnIsSkippedWithoutAFile() {
        // What a JRE without fonts does inside AWT's text layout (seen on a GPU machine: libharfbuzz missing).
        Path png = tmp.resolve("run/curves.png");
        int n = Plots.write(png, () -> { throw new UnsatisfiedLinkError("libharfbuzz.so.0: cannot open shared object file"); },
                () -> 4);
        assertEquals(0, n);
        assertFalse(Files.exists(png));
        // the next tick tries again, and a chart that draws is written
        assertEquals(4, Plots.write(png, () -> new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), () -> 4));
        assertTrue(Files.exists(png));
    }

    @Test
    void writesGridPngSkippingMissingSeries() throws Exception {
        Path png = tmp.resolve("out/curves.png");
        // pl_mean is absent: 4 charts -> 3 columns x 2 rows
        int charts = Plots.write(png, records());
        assertEquals(4, charts);
        assertTrue(GraphicsEnvironment.isHeadless());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(3 * Plots.CELL_WIDTH, img.getWidth());
        assertEquals(2 * Plots.CELL_HEIGHT, img.getHeight());
        int background = img.getRGB(img.getWidth() - 1, img.getHeight() - 1);
        int differing = 0;
        for (int y = 0; y < Plots.CELL_HEIGHT; y += 2) {
            for (int x = 0; x < Plots.CELL_WIDTH; x += 2) {
                differing += img.getRGB(x, y) != background ? 1 : 0;
            }
        }
        assertTrue(differing > 500, "chart has drawn pixels: " + differing);
        try (var s = Files.list(png.getParent())) {
            assertEquals(1, s.count(), "no temp file left behind");
        }
    }

    @Test
    void nonFiniteValuesAreDropped() {
        double[][] xy = Plots.points(records(), "Loss/D", "kimg");
        assertEquals(19, xy[0].length);
        for (double y : xy[1]) {
            assertTrue(Double.isFinite(y));
        }
    }

    @Test
    void nothingToPlotWritesNothing() {
        Path png = tmp.resolve("none.png");
        assertEquals(0, Plots.write(png, List.of(Map.of("kimg", 1.0)), List.of("Loss/G"), "kimg"));
        assertFalse(Files.exists(png));
    }
}
