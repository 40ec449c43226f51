package io.stylegan4j.data;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {
    @TempDir Path dir;

    @Test
    void recursiveSortedWithGrayWidenedToRgb() {
        TestImages.writePng(dir.resolve("b/2.png"), TestImages.rgb(8, 8, new Color(10, 20, 30)));
        TestImages.writePng(dir.resolve("a.png"), TestImages.gray(8, 8, 99));
        TestImages.write(dir.resolve("b/1.JPG"), TestImages.encode(TestImages.rgb(8, 8, new Color(250, 0, 0)), "jpeg"));
        TestImages.write(dir.resolve("notes.txt"), "x".getBytes());
        TestImages.write(dir.resolve(".hidden.png"), "junk".getBytes());
        try (ImageFolderDataset d = new ImageFolderDataset(dir)) {
            assertEquals(3, d.size());
            assertEquals(8, d.resolution());
            assertEquals(3, d.channels());
            assertEquals("a.png", d.name(0));
            assertEquals("b/1.JPG", d.name(1));
            assertEquals("b/2.png", d.name(2));
            byte[] gray = d.image(0);
            assertEquals(3 * 64, gray.length);
            assertEquals(99, gray[0] & 0xff);
            assertEquals(99, gray[64 + 5] & 0xff);
            assertEquals(99, gray[128 + 63] & 0xff);
            byte[] rgb = d.image(2);
            assertEquals(10, rgb[0] & 0xff);
            assertEquals(20, rgb[64] & 0xff);
            assertEquals(30, rgb[128] & 0xff);
            assertFalse(d.hasLabels());
            assertEquals(-1, d.label(1));
            assertEquals(64, d.identity().length());
            assertTrue(d.description().contains("3 images, 3x8x8, unlabeled"), d.description());
        }
    }

    @Test
    void allGrayStaysOneChannel() {
        TestImages.writePng(dir.resolve("a.png"), TestImages.gray(4, 4, 1));
        TestImages.writePng(dir.resolve("b.png"), TestImages.gray(4, 4, 2));
        try (ImageFolderDataset d = new ImageFolderDataset(dir)) {
            assertEquals(1, d.channels());
            assertEquals(16, d.image(1).length);
            assertEquals(2, d.image(1)[15]);
        }
    }

    @Test
    void labelsFromDatasetJsonLikeMnistScript() throws Exception {
        TestImages.writePng(dir.resolve("0/00000.png"), TestImages.gray(32, 32, 0));
        TestImages.writePng(dir.resolve("7/00000.png"), TestImages.gray(32, 32, 7));
        TestImages.writePng(dir.resolve("7/00001.png"), TestImages.gray(32, 32, 8));
        Files.writeString(dir.resolve("dataset.json"),
                "{\"labels\": [[\"7/00001.png\", 7], [\"0/00000.png\", 0], [\"7/00000.png\", 7]]}", StandardCharsets.UTF_8);
        try (ImageFolderDataset d = new ImageFolderDataset(dir)) {
            assertTrue(d.hasLabels());
            assertEquals(0, d.label(0));
            assertEquals(7, d.label(1));
            assertEquals(7, d.label(2));
            assertEquals(8, d.classCount());
            assertEquals(1, d.channels());
        }
    }

    @Test
    void identityChangesWithContentAndLabels() throws Exception {
        TestImages.writePng(dir.resolve("a.png"), TestImages.gray(4, 4, 1));
        String before;
        try (ImageFolderDataset d = new ImageFolderDataset(dir)) {
            before = d.identity();
            assertEquals(before, d.identity());
        }
        Files.writeString(dir.resolve("dataset.json"), "{\"labels\": [[\"a.png\", 3]]}");
        try (ImageFolderDataset d = new ImageFolderDataset(dir)) {
            assertNotEquals(before, d.identity());
        }
    }

    @Test
    void missingLabelIsOneLineError() throws Exception {
        TestImages.writePng(dir.resolve("a.png"), TestImages.gray(4, 4, 1));
        TestImages.writePng(dir.resolve("b.png"), TestImages.gray(4, 4, 1));
        Files.writeString(dir.resolve("dataset.json"), "{\"labels\": [[\"a.png\", 3]]}");
        DataException e = assertThrows(DataException.class, () -> new ImageFolderDataset(dir));
        assertTrue(e.getMessage().contains("no label for b.png"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void nullLabelsMeanUnlabeled() throws Exception {
        TestImages.writePng(dir.resolve("a.png"), TestImages.gray(4, 4, 1));
        Files.writeString(dir.resolve("dataset.json"), "{\"labels\": null}");
        try (ImageFolderDataset d = new ImageFolderDataset(dir)) {
            assertFalse(d.hasLabels());
        }
    }

    @Test
    void nonSquareMixedAndNonPowerOfTwoFoldersAreFitted() {
        TestImages.writePng(dir.resolve("a.png"), TestImages.rgb(8, 4, Color.RED));
        try (ImageFolderDataset d = new ImageFolderDataset(dir)) {
            assertEquals(4, d.resolution(), "8x4 center-cropped to 4x4");
        }
        Path mixed = dir.resolve("mixed");
        TestImages.writePng(mixed.resolve("a.png"), TestImages.rgb(8, 8, Color.RED));
        TestImages.writePng(mixed.resolve("b.png"), TestImages.rgb(16, 16, Color.RED));
        try (ImageFolderDataset d = new ImageFolderDataset(mixed)) {
            assertEquals(16, d.resolution(), "a tie goes to the larger size");
        }
        Path other = dir.resolve("other");
        TestImages.writePng(other.resolve("c.png"), TestImages.rgb(12, 12, Color.RED));
        try (ImageFolderDataset d = new ImageFolderDataset(other)) {
            assertEquals(8, d.resolution(), "12 rounded down to a power of two");
        }
    }

    @Test
    void emptyFolderIsOneLineError() {
        DataException e = assertThrows(DataException.class, () -> new ImageFolderDataset(dir));
        assertTrue(e.getMessage().contains("no .png/.jpg/.jpeg images found"), e.getMessage());
    }

    @Test
    void corruptFileFailsOnReadNotOnOpen() {
        TestImages.writePng(dir.resolve("a.png"), TestImages.gray(4, 4, 1));
        byte[] good = TestImages.png(TestImages.gray(4, 4, 1));
        TestImages.write(dir.resolve("b.png"), java.util.Arrays.copyOf(good, 40));
        TestImages.write(dir.resolve("c.png"), "garbage".getBytes());
        try (ImageFolderDataset d = new ImageFolderDataset(dir)) {
            assertEquals(3, d.size());
            assertEquals(1, d.unreadableCount());
            assertEquals(1, d.image(0)[0]);
            assertThrows(DataException.class, () -> d.image(1));
            DataException e = assertThrows(DataException.class, () -> d.image(2));
            assertTrue(e.getMessage().contains("c.png"), e.getMessage());
        }
    }
}
