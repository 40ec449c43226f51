package io.stylegan4j.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchLoaderTest {

    /** Gray 4x4 images whose pixel (y, x) is 4*index + x, so index and orientation can be read back. */
    static final class CountingDataset implements Dataset {
        final int n;
        final Set<Integer> broken;

        CountingDataset(int n, Set<Integer> broken) {
            this.n = n;
            this.broken = broken;
        }

        @Override public int size() { return n; }
        @Override public int resolution() { return 4; }
        @Override public int channels() { return 1; }
        @Override public byte[] image(int i) {
            if (broken.contains(i)) {
                throw new DataException("img" + i + ".png: corrupt");
            }
            byte[] px = new byte[16];
            for (int p = 0; p < 16; p++) {
                px[p] = (byte) (4 * i + p % 4);
            }
            return px;
        }
        @Override public int label(int i) { return i % 3; }
        @Override public boolean hasLabels() { return true; }
        @Override public String identity() { return "counting"; }
        @Override public String description() { return "counting " + n; }
    }

    private static int indexOf(Batch b, int j) {
        return (b.pixels()[j * 16] & 0xff) / 4; // pixel 0 of an unflipped image (x=0) is 4*index
    }

    @Test
    void sameSeedSameBatchesDifferentSeedDifferent() {
        Dataset d = new CountingDataset(50, Set.of());
        try (BatchLoader a = new BatchLoader(d, 8, 42, true);
             BatchLoader b = new BatchLoader(d, 8, 42, true);
             BatchLoader c = new BatchLoader(d, 8, 43, true)) {
            boolean anyDifferent = false;
            for (int k = 0; k < 10; k++) {
                Batch x = a.next();
                Batch y = b.next();
                Batch z = c.next();
                assertEquals(k, x.index());
                assertArrayEquals(x.pixels(), y.pixels());
                assertArrayEquals(x.labels(), y.labels());
                assertArrayEquals(x.datasetIndices(), y.datasetIndices());
                anyDifferent |= !java.util.Arrays.equals(x.datasetIndices(), z.datasetIndices());
            }
            assertTrue(anyDifferent);
        }
    }

    @Test
    void resumeAtBatchKGivesTheSameBatch() {
        Dataset d = new CountingDataset(37, Set.of());
        Batch expected;
        long state;
        try (BatchLoader a = new BatchLoader(d, LoaderConfig.of(5, 9, true), 0)) {
            for (int k = 0; k < 7; k++) {
                a.next();
            }
            state = a.state();
            expected = a.next();
        }
        assertEquals(7, state);
        try (BatchLoader b = new BatchLoader(d, LoaderConfig.of(5, 9, true), state)) {
            Batch resumed = b.next();
            assertEquals(7, resumed.index());
            assertArrayEquals(expected.pixels(), resumed.pixels());
            assertArrayEquals(expected.labels(), resumed.labels());
            assertArrayEquals(expected.pixels(), b.batchAt(7).pixels());
        }
    }

    /** A process's shard of a split batch holds the images, flips and labels it would slice from the whole batch. */
    @Test
    void slicesOfABatchAreItsPartsInOrder() {
        Dataset d = new CountingDataset(37, Set.of());
        LoaderConfig cfg = LoaderConfig.of(8, 5, true);
        try (BatchLoader whole = new BatchLoader(d, cfg, 0);
             BatchLoader first = new BatchLoader(d, cfg, 0, 0, 4);
             BatchLoader second = new BatchLoader(d, cfg, 0, 4, 4)) {
            for (int k = 0; k < 6; k++) {
                Batch w = whole.next(), a = first.next(), b = second.next();
                assertEquals(4, a.size());
                int half = w.pixels().length / 2;
                assertArrayEquals(java.util.Arrays.copyOfRange(w.pixels(), 0, half), a.pixels(), "batch " + k);
                assertArrayEquals(java.util.Arrays.copyOfRange(w.pixels(), half, 2 * half), b.pixels(), "batch " + k);
                assertArrayEquals(java.util.Arrays.copyOfRange(w.labels(), 4, 8), b.labels());
                assertArrayEquals(java.util.Arrays.copyOfRange(w.datasetIndices(), 0, 4), a.datasetIndices());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new BatchLoader(d, cfg, 0, 6, 4));
    }

    @Test
    void eachEpochVisitsEveryImageOnceWithMatchingLabels() {
        Dataset d = new CountingDataset(10, Set.of());
        try (BatchLoader loader = new BatchLoader(d, 5, 1, false)) {
            Set<Integer> seen = new HashSet<>();
            for (int k = 0; k < 2; k++) {
                Batch b = loader.next();
                assertEquals(5 * 16, b.pixels().length);
                for (int j = 0; j < 5; j++) {
                    int idx = indexOf(b, j);
                    assertEquals(idx, b.datasetIndices()[j]);
                    assertEquals(idx % 3, b.labels()[j]);
                    seen.add(idx);
                }
            }
            assertEquals(10, seen.size());
        }
    }

    @Test
    void mirrorFlipsAboutHalfTheImagesHorizontally() {
        Dataset d = new CountingDataset(40, Set.of());
        try (BatchLoader loader = new BatchLoader(d, 40, 3, true)) {
            Batch b = loader.next();
            int flipped = 0;
            for (int j = 0; j < 40; j++) {
                int idx = b.datasetIndices()[j];
                int first = b.pixels()[j * 16] & 0xff;
                int last = b.pixels()[j * 16 + 3] & 0xff;
                if (first == 4 * idx + 3) {
                    flipped++;
                    assertEquals(4 * idx, last);
                    assertEquals(4 * idx + 2, b.pixels()[j * 16 + 13] & 0xff); // row 3, x=1 holds original x=2
                } else {
                    assertEquals(4 * idx, first);
                    assertEquals(4 * idx + 3, last);
                }
            }
            assertTrue(flipped >= 10 && flipped <= 30, "flipped " + flipped + " of 40");
        }
        try (BatchLoader loader = new BatchLoader(d, 40, 3, false)) {
            Batch b = loader.next();
            for (int j = 0; j < 40; j++) {
                assertEquals(4 * b.datasetIndices()[j], b.pixels()[j * 16] & 0xff);
            }
        }
    }

    @Test
    void unreadableImageIsReplacedByNextIndexAndCounted() {
        Dataset d = new CountingDataset(6, Set.of(2, 3));
        try (BatchLoader loader = new BatchLoader(d, 6, 5, false)) {
            for (int k = 0; k < 3; k++) {
                Batch b = loader.next();
                int fours = 0;
                for (int j = 0; j < 6; j++) {
                    int idx = b.datasetIndices()[j];
                    assertNotEquals(2, idx);
                    assertNotEquals(3, idx);
                    assertEquals(idx, indexOf(b, j));
                    fours += idx == 4 ? 1 : 0;
                }
                assertEquals(3, fours, "indices 2 and 3 both fall through to 4");
            }
            assertEquals(2, loader.skippedCount());
        }
    }

    @Test
    void allUnreadableEndsWithAClearError() {
        Dataset d = new CountingDataset(3, Set.of(0, 1, 2));
        try (BatchLoader loader = new BatchLoader(d, 2, 0, false)) {
            DataException e = assertThrows(DataException.class, loader::next);
            assertTrue(e.getMessage().contains("every image"), e.getMessage());
        }
    }

    @Test
    void closeStopsTheThread() {
        BatchLoader loader = new BatchLoader(new ProceduralDataset(32, 100, 0), 4, 0, true);
        assertEquals(3 * 32 * 32 * 4, loader.next().pixels().length);
        loader.close();
        assertFalse(loader.isRunning());
        assertThrows(IllegalStateException.class, loader::next);
        loader.close(); // idempotent
    }
}
