package io.stylegan4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telling our own safetensors files from the foreign pickles by their first bytes. */
class FormatSniffTest {
    /**
     * A safetensors header whose length's low byte is 0x80 (the pickle PROTO opcode) was once taken for a pickle of
     * "protocol 41"; CI hit it when a model's metadata happened to have that length.
     */
    @Test
    void safetensorsWhoseHeaderLengthEndsIn0x80IsNotForeign(@TempDir Path dir) throws Exception {
        Path file = null;
        for (int pad = 0; pad < 256 && file == null; pad++) {
            byte[] bytes = io.stylegan4j.io.SafeTensors.writer().put("x", "F32", new long[] {1}, new float[] {1f})
                    .metadata(Map.of("pad", "p".repeat(pad))).toBytes();
            if ((bytes[0] & 0xff) == 0x80) {
                file = dir.resolve("model.safetensors");
                Files.write(file, bytes);
            }
        }
        assertTrue(file != null, "no padding gave a header length ending in 0x80");
        assertEquals(0x80, Files.readAllBytes(file)[0] & 0xff);
        assertFalse(Checkpoints.isForeign(file));
    }

    @Test
    void pickleNeedsAKnownProtocol() {
        assertTrue(Checkpoints.looksLikePickle(new byte[] {(byte) 0x80, 2, 0x7d}));
        assertTrue(Checkpoints.looksLikePickle(new byte[] {(byte) 0x80, 4, (byte) 0x95}));
        assertFalse(Checkpoints.looksLikePickle(new byte[] {(byte) 0x80, 41, 0, 0}));
        assertFalse(Checkpoints.looksLikePickle(new byte[] {(byte) 0x80}));
    }

    @Test
    void foreignGarbageIsRefusedInOneLine() {
        InteropException e = org.junit.jupiter.api.Assertions.assertThrows(InteropException.class,
                () -> Checkpoints.fromBytes(new byte[] {(byte) 0x80, 41, 0, 0}, "x.pkl"));
        assertTrue(e.getMessage().startsWith("x.pkl: not a pickle"), e.getMessage());
    }
}
