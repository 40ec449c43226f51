package io.stylegan4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {
    /** numpy 1.24's np.save(np.arange(6, dtype=float32).reshape(1, 2, 3) * 0.5 - 1), the bytes of w.npy in an np.savez. */
    private static final byte[] NUMPY = Base64.getDecoder().decode(
            "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDEsIDIsIDMpLCB9ICAgICAgICAg"
                    + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAIC/AAAAvwAAAAAAAAA/AACAPwAAwD8=");
    private static final float[] VALUES = {-1f, -0.5f, 0f, 0.5f, 1f, 1.5f};

    @Test
    void writesWhatNumpyWrites() {
        assertArrayEquals(NUMPY, Npz.npy(new Npz.Array(new long[] {1, 2, 3}, VALUES)));
    }

    @Test
    void readsNumpysBytesAndRoundTrips(@TempDir Path tmp) throws Exception {
        Npz.Array a = Npz.parseNpy(NUMPY, "numpy");
        assertArrayEquals(new long[] {1, 2, 3}, a.shape());
        assertArrayEquals(VALUES, a.data());
        Path f = tmp.resolve("projected_w.npz");
        Npz.write(f, "w", a);
        Npz.Array back = Npz.read(f, "w");
        assertArrayEquals(a.shape(), back.shape());
        assertArrayEquals(a.data(), back.data());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npz.read(f, "z"));
        assertTrue(e.getMessage().contains("no array 'z'"), e.getMessage());
        Path junk = tmp.resolve("junk.npz");
        Files.write(junk, new byte[] {1, 2, 3});
        assertThrows(IllegalArgumentException.class, () -> Npz.read(junk, "w"));
    }
}
