package io.stylegan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.io.Uint8Image;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official dataset_tool's other sources and options: MNIST IDX, CIFAR-10 binary, --max-images, --resize-filter. */
class RawSourcesTest {
    @TempDir
    Path dir;

    static byte pixel(int i, int k) {
        return (byte) (i * 37 + k * 11);
    }

    private void writeGz(Path p, byte[] header, byte[] body) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(header);
            out.write(body);
        }
    }

    private static byte[] be(int... v) {
        byte[] b = new byte[4 * v.length];
        for (int i = 0; i < v.length; i++) for (int k = 0; k < 4; k++) b[4 * i + k] = (byte) (v[i] >> (24 - 8 * k));
        return b;
    }

    @Test
    void mnistIdxIsPaddedTo32AndLabeled() throws IOException {
        int n = 5;
        byte[] px = new byte[n * 784], labels = new byte[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 784; k++) px[i * 784 + k] = pixel(i, k);
            labels[i] = (byte) (9 - i);
        }
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        writeGz(images, be(0x803, n, 28, 28), px);
        writeGz(dir.resolve("train-labels-idx1-ubyte.gz"), be(0x801, n), labels);
        Path dest = dir.resolve("mnist.zip");
        DatasetToolResult r = DatasetTool.run(new DatasetToolOptions(images, dest, 32, CropTransform.NONE, 4, Resampler.Filter.LANCZOS));
        assertEquals(4, r.written(), "--max-images 4 keeps the first four");
        try (ZipDataset d = new ZipDataset(dest)) {
            assertEquals(4, d.size());
            assertEquals(1, d.channels());
            assertTrue(d.hasLabels());
            for (int i = 0; i < 4; i++) {
                assertEquals(9 - i, d.label(i));
                byte[] img = d.image(i);
                assertEquals(0, img[0], "the 2-pixel zero border of the official tool");
                assertEquals(pixel(i, 0), img[2 * 32 + 2]);
                assertEquals(pixel(i, 28 * 27 + 27), img[29 * 32 + 29]);
            }
        }
    }

    @Test
    void cifarBinaryBatchesKeepPlanarRgbAndLabels() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        for (int b = 1; b <= 2; b++) {
            byte[] rec = new byte[3 * 3073];
            for (int i = 0; i < 3; i++) {
                rec[i * 3073] = (byte) (b * 3 + i);
                for (int k = 0; k < 3072; k++) rec[i * 3073 + 1 + k] = pixel(b * 3 + i, k);
            }
            Files.write(folder.resolve("data_batch_" + b + ".bin"), rec);
        }
        Path dest = dir.resolve("cifar.zip");
        assertEquals(6, DatasetTool.run(new DatasetToolOptions(folder, dest, 32, CropTransform.NONE)).written());
        try (ZipDataset d = new ZipDataset(dest)) {
            assertEquals(3, d.channels());
            for (int i = 0; i < 6; i++) {
                assertEquals(3 + i, d.label(i), "batches in order, records in order");
                byte[] expected = new byte[3072];
                for (int k = 0; k < 3072; k++) expected[k] = pixel(3 + i, k);
                assertArrayEquals(expected, d.image(i), "CHW, as CIFAR stores it");
            }
        }
    }

    @Test
    void boxFilterAveragesAndLanczosDoesNot() {
        byte[] px = new byte[16];
        for (int k = 0; k < 16; k++) px[k] = (byte) (k % 2 == 0 ? 0 : 200); // columns alternate 0 / 200
        Uint8Image src = new Uint8Image(1, 4, 4, px);
        Uint8Image box = CropTransform.NONE.apply(src, 2, "t", Resampler.Filter.BOX);
        for (byte b : box.pixels()) assertEquals(100, b & 0xff, "a 2x2 box mean");
        Uint8Image lanczos = CropTransform.NONE.apply(src, 2, "t", Resampler.Filter.LANCZOS);
        assertTrue((lanczos.pixels()[0] & 0xff) != 100, "Lanczos-3 weighs beyond the 2x2 cell");
        assertThrows(IllegalArgumentException.class, () -> Resampler.Filter.parse("bicubic"));
    }

    @Test
    void badRawSourcesFailWithAMessage() throws IOException {
        Path images = dir.resolve("t10k-images-idx3-ubyte");
        Files.write(images, be(0x803, 2, 28, 28));
        DataException e = assertThrows(DataException.class,
                () -> DatasetTool.run(new DatasetToolOptions(images, dir.resolve("x.zip"), 32, CropTransform.NONE)));
        assertTrue(e.getMessage().contains("labels file t10k-labels-idx1-ubyte is missing"), e.getMessage());
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), be(0x801, 2));
        e = assertThrows(DataException.class, () -> DatasetTool.run(new DatasetToolOptions(images, dir.resolve("x.zip"), 32, CropTransform.NONE)));
        assertTrue(e.getMessage().contains("does not match the file sizes"), e.getMessage());
        Path batch = dir.resolve("data_batch_1.bin");
        Files.write(batch, new byte[100]);
        e = assertThrows(DataException.class, () -> DatasetTool.run(new DatasetToolOptions(batch, dir.resolve("x.zip"), 32, CropTransform.NONE)));
        assertTrue(e.getMessage().contains("not a whole number of CIFAR-10 records"), e.getMessage());
        Path lmdb = Files.createDirectories(dir.resolve("lsun"));
        Files.write(lmdb.resolve("data.mdb"), new byte[8]);
        e = assertThrows(DataException.class, () -> DatasetTool.run(new DatasetToolOptions(lmdb, dir.resolve("x.zip"), 32, CropTransform.NONE)));
        assertTrue(e.getMessage().contains("LMDB sources (LSUN) are not supported"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("x.zip")));
    }
}
