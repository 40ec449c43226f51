package io.stylegan4j.data;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetToolTest {
    @TempDir Path dir;

    private static BufferedImage redLeftGreenRest(int w, int h, int redCols) {
        BufferedImage img = TestImages.rgb(w, h, new Color(0, 200, 0));
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(200, 0, 0));
        g.fillRect(0, 0, redCols, h);
        g.dispose();
        return img;
    }

    @Test
    void centerCropResizesAndRoundTripsThroughZipDataset() throws IOException {
        Path src = dir.resolve("src");
        // 40x30: the centred 30x30 square starts at x=5, so the 5 red columns are cropped away.
        TestImages.writePng(src.resolve("a/wide.png"), redLeftGreenRest(40, 30, 5));
        TestImages.writePng(src.resolve("b_gray.png"), TestImages.gray(20, 20, 90));
        TestImages.write(src.resolve("c_broken.png"), "not an image".getBytes());
        TestImages.write(src.resolve("d.jpg"), TestImages.encode(TestImages.rgb(64, 64, new Color(30, 60, 220)), "jpeg"));
        Files.writeString(src.resolve("dataset.json"),
                "{\"labels\": [[\"a/wide.png\", 2], [\"b_gray.png\", 0], [\"c_broken.png\", 1], [\"d.jpg\", 5]]}");
        Path dest = dir.resolve("out/ds.zip");
        DatasetToolResult r = DatasetTool.run(new DatasetToolOptions(src, dest, 16, CropTransform.CENTER_CROP));
        assertEquals(3, r.written());
        assertEquals(1, r.skipped());
        assertEquals(3, r.channels());
        assertTrue(r.labeled());

        try (ZipFile z = new ZipFile(dest.toFile())) {
            assertNotNull(z.getEntry("00000/img00000000.png"));
            assertNotNull(z.getEntry("00000/img00000002.png"));
            assertNotNull(z.getEntry("dataset.json"));
            assertEquals(java.util.zip.ZipEntry.STORED, z.getEntry("00000/img00000001.png").getMethod());
        }
        try (ZipDataset d = new ZipDataset(dest)) {
            assertEquals(3, d.size());
            assertEquals(16, d.resolution());
            assertEquals(3, d.channels());
            assertEquals(2, d.label(0));
            assertEquals(0, d.label(1));
            assertEquals(5, d.label(2));
            byte[] wide = d.image(0);
            for (int p = 0; p < 256; p++) {
                assertEquals(0, wide[p] & 0xff, "red plane must be cropped away");
                assertEquals(200, wide[256 + p] & 0xff, 1);
            }
            byte[] gray = d.image(1);
            assertEquals(90, gray[0] & 0xff);
            assertEquals(90, gray[256 + 17] & 0xff);
            assertEquals(220, d.image(2)[512 + 100] & 0xff, 6);
        }
        assertEquals(1, listing(dest.getParent()), "no temp files left");
    }

    @Test
    void centerCropWideLetterboxes() throws IOException {
        Path src = dir.resolve("src");
        TestImages.writePng(src.resolve("car.png"), TestImages.rgb(60, 20, Color.WHITE)); // 3:1, crop to 40x20
        Path dest = dir.resolve("wide.zip");
        DatasetToolResult r = DatasetTool.run(new DatasetToolOptions(src, dest, 16, CropTransform.CENTER_CROP_WIDE));
        assertFalse(r.labeled());
        try (ZipDataset d = new ZipDataset(dest)) {
            byte[] px = d.image(0);
            for (int y = 0; y < 16; y++) {
                int expected = y >= 4 && y < 12 ? 255 : 0;
                assertEquals(expected, px[y * 16 + 7] & 0xff, "row " + y);
                assertEquals(expected, px[2 * 256 + y * 16] & 0xff, "row " + y);
            }
        }
    }

    @Test
    void noTransformRejectsNonSquareAndWritesNothing() {
        Path src = dir.resolve("src");
        TestImages.writePng(src.resolve("a.png"), TestImages.rgb(8, 4, Color.RED));
        Path dest = dir.resolve("x.zip");
        DataException e = assertThrows(DataException.class,
                () -> DatasetTool.run(new DatasetToolOptions(src, dest, 8, CropTransform.NONE)));
        assertTrue(e.getMessage().contains("not square; use --transform center-crop"), e.getMessage());
        assertFalse(Files.exists(dest));
    }

    @Test
    void allUnreadableWritesNothing() throws IOException {
        Path src = dir.resolve("src");
        TestImages.write(src.resolve("a.png"), "junk".getBytes());
        Path dest = dir.resolve("x.zip");
        assertThrows(DataException.class, () -> DatasetTool.run(new DatasetToolOptions(src, dest, 8, CropTransform.CENTER_CROP)));
        assertFalse(Files.exists(dest));
        assertEquals(1, listing(dir), "only src/, no temp zip");
    }

    @Test
    void optionsValidate() {
        Path p = dir.resolve("x.zip");
        assertThrows(IllegalArgumentException.class, () -> new DatasetToolOptions(dir, p, 48, CropTransform.CENTER_CROP));
        assertThrows(IllegalArgumentException.class, () -> new DatasetToolOptions(dir, dir.resolve("x.tar"), 32, CropTransform.CENTER_CROP));
        assertEquals(CropTransform.CENTER_CROP_WIDE, CropTransform.parse("center-crop-wide"));
        assertThrows(IllegalArgumentException.class, () -> CropTransform.parse("stretch"));
    }

    @Test
    void officialEntryNames() {
        assertEquals("00000/img00000000.png", DatasetTool.entryName(0));
        assertEquals("00000/img00000999.png", DatasetTool.entryName(999));
        assertEquals("00001/img00001000.png", DatasetTool.entryName(1000));
        assertEquals("00123/img00123456.png", DatasetTool.entryName(123456));
    }

    private static long listing(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.count();
        }
    }
}
