package io.stylegan4j.interop;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer targets for the three readers a downloaded checkpoint reaches. The only error allowed out is
 * {@link InteropException}; anything else (OutOfMemoryError from a length field, NegativeArraySizeException,
 * ClassCastException, StackOverflowError) is a finding. In the suite (regression mode) each target replays its
 * seed corpus under src/test/resources/.../ReaderFuzzTestInputs/&lt;target&gt;; with JAZZER_FUZZ=1 a target is fuzzed,
 * coverage-guided, for {@code maxDuration}: {@code JAZZER_FUZZ=1 mvn test -Dtest=ReaderFuzzTest#pickleReader}.
 */
class ReaderFuzzTest {
    /** Pickles: NVlabs network pickles, TF1 pickles, and legacy torch.save() files, to the renamed tensors. */
    @FuzzTest(maxDuration = "10m")
    void pickleReader(byte[] data) {
        try {
            Checkpoints.fromBytes(data, "fuzz.pkl");
        } catch (InteropException expected) {
            // the one allowed outcome besides success
        }
    }

    /** The torch zip format (rosinality's checkpoints), to the renamed tensors. */
    @FuzzTest(maxDuration = "10m")
    void torchZipReader(byte[] data) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("fuzz", ".pt");
            Files.write(tmp, data);
            Checkpoints.read(tmp);
        } catch (InteropException expected) {
            // allowed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) tmp.toFile().delete();
        }
    }

    /** One legacy torch.save() blob, as inside every tensor of an NVlabs pickle. */
    @FuzzTest(maxDuration = "10m")
    void legacyStorageReader(byte[] data) {
        try {
            LegacyStorage.read(data, "fuzz blob");
        } catch (InteropException expected) {
            // allowed
        }
    }
}
