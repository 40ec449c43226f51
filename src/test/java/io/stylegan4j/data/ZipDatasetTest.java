package io.stylegan4j.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipDatasetTest {
    @TempDir Path dir;

    private Path zip(String json, int n) throws IOException {
        Path p = dir.resolve("ds.zip");
        try (OutputStream file = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(file)) {
            for (int i = n - 1; i >= 0; i--) { // written out of order: the dataset must sort
                z.putNextEntry(new ZipEntry(String.format("%05d/img%08d.png", i / 1000, i)));
                z.write(TestImages.png(TestImages.gray(16, 16, i)));
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry("__MACOSX/00000/._img00000000.png"));
            z.write(new byte[] {1, 2, 3});
            z.closeEntry();
            if (json != null) {
                z.putNextEntry(new ZipEntry("dataset.json"));
                z.write(json.getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return p;
    }

    @Test
    void withoutLabels() throws IOException {
        try (ZipDataset d = new ZipDataset(zip(null, 3))) {
            assertEquals(3, d.size());
            assertEquals(16, d.resolution());
            assertEquals(1, d.channels());
            assertFalse(d.hasLabels());
            assertEquals("00000/img00000002.png", d.name(2));
            assertEquals(2, d.image(2)[100]);
            assertTrue(d.description().startsWith("zip "), d.description());
        }
    }

    @Test
    void withLabels() throws IOException {
        String json = "{\"labels\": [[\"00000/img00000000.png\", 4], [\"00000/img00000001.png\", 1]]}";
        try (ZipDataset d = new ZipDataset(zip(json, 2))) {
            assertTrue(d.hasLabels());
            assertEquals(4, d.label(0));
            assertEquals(1, d.label(1));
            assertEquals(5, d.classCount());
        }
    }

    @Test
    void nullLabels() throws IOException {
        try (ZipDataset d = new ZipDataset(zip("{\"labels\": null}", 2))) {
            assertFalse(d.hasLabels());
            assertEquals(-1, d.label(0));
        }
    }

    @Test
    void floatLabelsAreRejectedClearly() throws IOException {
        Path p = zip("{\"labels\": [[\"00000/img00000000.png\", [0.5, 1.0]]]}", 1);
        DataException e = assertThrows(DataException.class, () -> new ZipDataset(p));
        assertTrue(e.getMessage().contains("integer class labels"), e.getMessage());
    }

    @Test
    void notAZipIsOneLineError() throws IOException {
        Path p = Files.writeString(dir.resolve("bad.zip"), "not a zip");
        DataException e = assertThrows(DataException.class, () -> new ZipDataset(p));
        assertTrue(e.getMessage().contains("not a readable zip"), e.getMessage());
    }
}
