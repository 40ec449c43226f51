package io.stylegan4j.data;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Color;
import org.junit.jupiter.api.Test;

class ProceduralDatasetTest {

    @Test
    void sameIndexSameImageAcrossInstances() {
        ProceduralDataset a = new ProceduralDataset(32, 100, 7);
        ProceduralDataset b = new ProceduralDataset(32, 100, 7);
        for (int i : new int[] {0, 1, 50, 99}) {
            assertArrayEquals(a.image(i), b.image(i));
            assertEquals(a.factors(i), b.factors(i));
        }
        assertEquals(a.identity(), b.identity());
        assertEquals(3 * 32 * 32, a.image(3).length);
        assertNotEquals(a.identity(), new ProceduralDataset(32, 100, 8).identity());
        assertFalse(java.util.Arrays.equals(a.image(5), new ProceduralDataset(32, 100, 8).image(5)));
    }

    @Test
    void imageReturnsACopySoCallersCannotCorruptTheCache() {
        ProceduralDataset d = new ProceduralDataset(32, 10, 0);
        byte[] first = d.image(2);
        byte[] expected = first.clone();
        java.util.Arrays.fill(first, (byte) 0);
        assertArrayEquals(expected, d.image(2));
    }

    @Test
    void labelsAreShapeKindAndBalanced() {
        ProceduralDataset d = new ProceduralDataset(32, 2000, 0);
        assertTrue(d.hasLabels());
        assertEquals(4, d.classCount());
        int[] counts = new int[4];
        for (int i = 0; i < d.size(); i++) {
            assertEquals(d.factors(i).kind().ordinal(), d.label(i));
            counts[d.label(i)]++;
        }
        for (int c : counts) {
            assertTrue(c > 400 && c < 600, java.util.Arrays.toString(counts));
        }
    }

    @Test
    void factorsAreInRangeAndVectorMatchesNames() {
        ProceduralDataset d = new ProceduralDataset();
        int dots = 0;
        for (int i = 0; i < 500; i++) {
            ShapeFactors f = d.factors(i);
            assertTrue(f.size() >= 0.3 && f.size() <= 0.6);
            assertTrue(f.x() >= 0 && f.x() <= 1 && f.y() >= 0 && f.y() <= 1);
            assertEquals(f.size() > 0.45, f.isLarge());
            double[] v = f.vector();
            assertEquals(ShapeFactors.names().size(), v.length);
            assertEquals(f.hasDot() ? 1.0 : 0.0, f.asMap().get("hasDot"));
            assertEquals(f.isLarge() ? 1.0 : 0.0, f.asMap().get("isLarge"));
            dots += f.hasDot() ? 1 : 0;
        }
        assertTrue(dots > 200 && dots < 300, "hasDot should be ~50%: " + dots);
    }

    @Test
    void pixelsShowTheFactors() {
        int res = 64;
        ProceduralDataset d = new ProceduralDataset(res, 200, 3);
        for (int i = 0; i < 200; i++) {
            ShapeFactors f = d.factors(i);
            byte[] px = d.image(i);
            double r = f.size() / 2;
            int cx = (int) ((r + f.x() * (1 - 2 * r)) * res);
            int cy = (int) ((r + f.y() * (1 - 2 * r)) * res);
            Color expected = f.hasDot()
                    ? Color.getHSBColor((float) (f.hue() + 0.5) % 1f, 0.9f, 0.35f)
                    : Color.getHSBColor((float) f.hue(), 0.85f, 0.95f);
            assertColor(expected, px, res, cy, cx, 3, "centre of image " + i + " " + f);
            // Corners are always background (the shape stays inside its inscribed circle).
            int top = px[0] & 0xff;
            int bottom = px[(res - 1) * res] & 0xff;
            int topSum = sum(px, res, 0, 0);
            int bottomSum = sum(px, res, res - 1, 0);
            if (f.gradient()) {
                assertTrue(bottomSum > topSum + 60, "gradient should brighten downwards: " + topSum + " -> " + bottomSum);
            } else {
                assertEquals(top, bottom, "plain background");
            }
        }
    }

    private static int sum(byte[] px, int res, int y, int x) {
        int plane = res * res;
        return (px[y * res + x] & 0xff) + (px[plane + y * res + x] & 0xff) + (px[2 * plane + y * res + x] & 0xff);
    }

    private static void assertColor(Color c, byte[] px, int res, int y, int x, int tol, String msg) {
        int plane = res * res;
        int p = y * res + x;
        assertEquals(c.getRed(), px[p] & 0xff, tol, msg);
        assertEquals(c.getGreen(), px[plane + p] & 0xff, tol, msg);
        assertEquals(c.getBlue(), px[2 * plane + p] & 0xff, tol, msg);
    }

    @Test
    void rejectsBadResolution() {
        assertThrows(IllegalArgumentException.class, () -> new ProceduralDataset(48));
    }
}
