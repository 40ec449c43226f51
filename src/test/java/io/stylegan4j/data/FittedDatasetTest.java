package io.stylegan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders of images of any size, aspect ratio and mode, fitted to one training resolution on the fly. */
class FittedDatasetTest {
    @TempDir
    Path dir;

    @Test
    void aMessyFolderTrainsAtTheMostCommonSizeWithOneWarningPerBadFile() {
        MessyFolder.write(dir);
        Captured<ImageFolderDataset> open = capture(() -> new ImageFolderDataset(dir));
        try (ImageFolderDataset d = open.value()) {
            assertEquals(32, d.resolution(), "48x48 is the most common size; rounded down to 32");
            assertEquals(3, d.channels());
            assertEquals("center-crop", d.fit());
            assertTrue(open.err().contains("training at 32x32, the most common size 48x48"), open.err());
            for (int i = 0; i < MessyFolder.NAMES.length; i++) {
                int[] rgb = MessyFolder.RGB[i];
                if (rgb == null) {
                    int k = i;
                    assertThrows(DataException.class, () -> d.image(k), MessyFolder.NAMES[i]);
                    continue;
                }
                byte[] px = d.image(i);
                assertEquals(3 * 32 * 32, px.length);
                for (int c = 0; c < 3; c++)
                    for (int p = 0; p < 32 * 32; p++)
                        assertTrue(Math.abs((px[c * 1024 + p] & 0xff) - rgb[c]) <= 2, MessyFolder.NAMES[i] + " channel " + c + " pixel " + p);
            }
            Captured<Integer> load = capture(() -> {
                try (BatchLoader l = new BatchLoader(d, LoaderConfig.of(9, 0, false), 0)) {
                    for (int k = 0; k < 4; k++) l.next();
                    return l.skippedCount();
                }
            });
            assertEquals(2, load.value(), "the truncated PNG and the non-image");
            assertEquals(1, count(load.err(), "g-truncated.png"), load.err());
            assertEquals(1, count(load.err(), "h-garbage.png"), load.err());
        }
    }

    @Test
    void fittedImagesAreDecodedOnce() throws Exception {
        TestImages.writePng(dir.resolve("a.png"), TestImages.rgb(40, 24, Color.RED));
        try (ImageFolderDataset d = new ImageFolderDataset(dir, new ImageFit(16, null))) {
            byte[] first = d.image(0);
            Files.delete(dir.resolve("a.png"));
            byte[] again = d.image(0);
            assertArrayEquals(first, again, "served from the cache: the file is gone");
            again[0] = 0;
            assertEquals((byte) 255, d.image(0)[0], "callers get a copy (the loader flips in place)");
        }
    }

    @Test
    void padKeepsTheWholeImageOnBlackBars() {
        TestImages.writePng(dir.resolve("a.png"), TestImages.rgb(40, 20, Color.RED));
        try (ImageFolderDataset d = new ImageFolderDataset(dir, new ImageFit(16, CropTransform.PAD))) {
            byte[] px = d.image(0);
            for (int y = 0; y < 16; y++) {
                int expected = y >= 4 && y < 12 ? 255 : 0; // 40x20 -> 16x8, rows 4..11
                assertEquals(expected, px[y * 16 + 7] & 0xff, "red at row " + y);
                assertEquals(0, px[2 * 256 + y * 16 + 7] & 0xff, "no blue at row " + y);
            }
        }
    }

    @Test
    void aUniformFolderIsUsedAsItIsAndFittingChangesTheIdentity() {
        TestImages.writePng(dir.resolve("a.png"), TestImages.rgb(16, 16, Color.RED));
        TestImages.writePng(dir.resolve("b.png"), TestImages.rgb(16, 16, Color.BLUE));
        String plain, fitted;
        try (ImageFolderDataset d = new ImageFolderDataset(dir)) {
            assertNull(d.fit());
            assertEquals(16, d.resolution());
            plain = d.identity();
        }
        try (ImageFolderDataset d = new ImageFolderDataset(dir, new ImageFit(8, null))) {
            assertEquals(8, d.resolution());
            fitted = d.identity();
        }
        assertNotEquals(plain, fitted, "the same files at another size are other training data");
    }

    @Test
    void aResolutionThatIsNotAPowerOfTwoIsAClearError() {
        DataException e = assertThrows(DataException.class, () -> new ImageFit(24, null));
        assertTrue(e.getMessage().contains("--resolution must be a power of two"), e.getMessage());
    }

    private static int count(String text, String needle) {
        return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    record Captured<T>(T value, String err) {}

    private static synchronized <T> Captured<T> capture(Supplier<T> body) {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            T v = body.get();
            return new Captured<>(v, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }
}
