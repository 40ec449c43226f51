package io.stylegan4j.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The suite's few seconds of fuzzing: seeded random mutations of the Jazzer seed corpus (byte flips, length fields
 * set to huge values, truncations, splices) through the three readers, a fixed number per seed so the run is
 * reproducible. The only allowed failure is {@link InteropException}. Jazzer's coverage-guided runs (ReaderFuzzTest
 * with JAZZER_FUZZ=1) go much further; this keeps the property checked on every build.
 */
class ReaderMutationTest {
    static final Path CORPUS = Path.of("src/test/resources/io/stylegan4j/interop/ReaderFuzzTestInputs");
    static final int MUTANTS_PER_SEED = 250;

    static List<byte[]> seeds(String target) throws IOException {
        try (Stream<Path> s = Files.list(CORPUS.resolve(target))) {
            return s.sorted().map(p -> {
                try {
                    return Files.readAllBytes(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        switch (r.nextInt(5)) {
            case 0 -> { for (int k = 1 + r.nextInt(4); k > 0; k--) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8)); }
            case 1 -> { // a 4-byte field set to a huge, negative or zero size
                int at = r.nextInt(Math.max(1, b.length - 4));
                int v = new int[] {-1, Integer.MAX_VALUE, 1 << 30, 0, -2147483648}[r.nextInt(5)];
                for (int i = 0; i < 4 && at + i < b.length; i++) b[at + i] = (byte) (v >> (8 * i));
            }
            case 2 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
            case 3 -> { int at = r.nextInt(b.length); b[at] = (byte) r.nextInt(256); }
            default -> { // splice: repeat a random slice
                int from = r.nextInt(b.length), len = r.nextInt(Math.min(64, b.length - from) + 1), at = r.nextInt(b.length);
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, from, out, at, len);
                System.arraycopy(b, at, out, at + len, b.length - at);
                b = out;
            }
        }
        return b;
    }

    @Test
    void mutantsOnlyEverFailWithTheTypedError() throws Exception {
        ReaderFuzzTest targets = new ReaderFuzzTest();
        int run = 0;
        for (String target : new String[] {"pickleReader", "legacyStorageReader", "torchZipReader"}) {
            Random r = new Random(target.hashCode());
            int perSeed = target.equals("torchZipReader") ? MUTANTS_PER_SEED / 8 : MUTANTS_PER_SEED; // each goes through a temp file
            for (byte[] seed : seeds(target))
                for (int i = 0; i < perSeed; i++) {
                    byte[] m = mutate(seed, r);
                    try {
                        switch (target) {
                            case "pickleReader" -> targets.pickleReader(m);
                            case "legacyStorageReader" -> targets.legacyStorageReader(m);
                            default -> targets.torchZipReader(m);
                        }
                    } catch (Throwable t) {
                        throw new AssertionError(target + " mutant " + i + " of a seed escaped with " + t, t);
                    }
                    run++;
                }
        }
        assertTrue(run > 2000, "ran " + run + " mutants");
    }
}
