package io.stylegan4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripKeepsOrderShapesMetadataAndValues() throws Exception {
        Path f = tmp.resolve("a.safetensors");
        float[] w = {1.5f, -2f, 3.25f, 0f, Float.NaN, Float.NEGATIVE_INFINITY};
        SafeTensors.writer()
                .put("zeta", "F32", new long[] {2, 3}, w)
                .put("alpha", "F64", new long[] {2}, new double[] {Math.PI, -1e300})
                .put("scalar", "F32", new long[] {}, new float[] {0.5f})
                .put("ids", "I64", new long[] {3}, new long[] {-1, 0, Long.MAX_VALUE})
                .put("mask", "BOOL", new long[] {2}, new long[] {1, 0})
                .put("bytes", "U8", new long[] {3}, new byte[] {(byte) 255, 0, 7})
                .put("empty", "F32", new long[] {0, 4}, new float[0])
                .metadata(Map.of("format", "pt"))
                .write(f);

        SafeTensors st = SafeTensors.read(f);
        assertEquals(List.of("zeta", "alpha", "scalar", "ids", "mask", "bytes", "empty"), st.names());
        assertEquals(Map.of("format", "pt"), st.metadata());
        assertArrayEquals(w, st.get("zeta").toFloatArray());
        assertArrayEquals(new long[] {2, 3}, st.get("zeta").shape());
        assertArrayEquals(new double[] {Math.PI, -1e300}, st.get("alpha").toDoubleArray());
        assertArrayEquals(new long[0], st.get("scalar").shape());
        assertEquals(1, st.get("scalar").numel());
        assertArrayEquals(new float[] {0.5f}, st.get("scalar").toFloatArray());
        assertArrayEquals(new long[] {-1, 0, Long.MAX_VALUE}, st.get("ids").toLongArray());
        assertArrayEquals(new long[] {1, 0}, st.get("mask").toLongArray());
        assertEquals("BOOL", st.get("mask").dtype());
        assertArrayEquals(new long[] {255, 0, 7}, st.get("bytes").toLongArray());
        assertEquals(0, st.get("empty").toFloatArray().length);
        assertEquals(3, st.get("bytes").raw().remaining());
    }

    @Test
    void headerIsPaddedWithSpacesToMultipleOf8() {
        byte[] b = SafeTensors.writer().put("x", "F32", new long[] {1}, new float[] {1f}).toBytes();
        long n = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
        String header = new String(b, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}"), header);
        assertTrue(header.endsWith(" ") || header.endsWith("}"));
        assertEquals(8 + n + 4, b.length);
    }

    @Test
    void halfAndBfloat16ConvertLikePyTorch() throws Exception {
        Path f = tmp.resolve("h.safetensors");
        // 1+2^-11 is a tie that rounds to even (1.0); 65520 overflows to inf; 2^-24 is the smallest subnormal
        float[] in = {1f, -2.5f, 1f + 0x1p-11f, 1f + 0x1p-10f, 65504f, 65520f, 0x1p-24f, 0x1p-14f, 1e-9f};
        SafeTensors.writer()
                .put("h", "F16", new long[] {in.length}, in)
                .put("b", "BF16", new long[] {3}, new float[] {1f, 3.14159265f, -0f})
                .write(f);
        SafeTensors st = SafeTensors.read(f);
        float[] h = st.get("h").toFloatArray();
        assertArrayEquals(new float[] {1f, -2.5f, 1f, 1f + 0x1p-10f, 65504f, Float.POSITIVE_INFINITY,
                0x1p-24f, 0x1p-14f, 0f}, h);
        assertArrayEquals(new short[] {0x3c00}, new short[] {st.get("h").raw().getShort(0)});
        assertArrayEquals(new float[] {1f, 3.140625f, -0f}, st.get("b").toFloatArray());
        assertArrayEquals(new double[] {1.0, -2.5}, java.util.Arrays.copyOf(st.get("h").toDoubleArray(), 2));
    }

    @Test
    void overwriteIsAtomicAndLeavesNoTempFiles() throws Exception {
        Path f = tmp.resolve("w.safetensors");
        SafeTensors.writer().put("a", "F32", new long[] {1}, new float[] {1f}).write(f);
        SafeTensors.writer().put("b", "F32", new long[] {1}, new float[] {2f}).write(f);
        assertEquals(List.of("b"), SafeTensors.read(f).names());
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void writerRejectsBadInput() {
        var w = SafeTensors.writer().put("a", "F32", new long[] {2}, new float[] {1f, 2f});
        assertThrows(SafeTensorsException.class, () -> w.put("a", "F32", new long[] {1}, new float[] {1f}));
        assertThrows(SafeTensorsException.class, () -> w.put("b", "F32", new long[] {3}, new float[] {1f}));
        assertThrows(SafeTensorsException.class, () -> w.put("c", "F32", new long[] {3}, new byte[4]));
        assertThrows(SafeTensorsException.class, () -> w.put("d", "Q4", new long[] {1}, new float[] {1f}));
        assertThrows(SafeTensorsException.class, () -> w.put("e", "U8", new long[] {1}, new long[] {256}));
        assertThrows(SafeTensorsException.class,
                () -> w.put("__metadata__", "F32", new long[] {1}, new float[] {1f}));
    }

    @Test
    void readsGeneratorFixture() {
        SafeTensors st = SafeTensors.read(SharedDir.fixture("sg2-skip-resnet-32", "G.safetensors"));
        assertEquals(75, st.names().size());
        assertEquals("synthesis.b4.const", st.names().get(0));
        assertEquals("NVlabs/stylegan2-ada-pytorch@d72cc7d041b42ec8e806021a205ed9349f87c6a4",
                st.metadata().get("source"));
        SafeTensors.Entry c = st.get("synthesis.b4.const");
        assertEquals("F32", c.dtype());
        assertArrayEquals(new long[] {32, 4, 4}, c.shape());
        float[] cv = c.toFloatArray();
        assertEquals(512, cv.length);
        assertEquals(-1.1258398f, cv[0], 1e-7f);
        assertEquals(-1.1523602f, cv[1], 1e-7f);
        SafeTensors.Entry ns = st.get("synthesis.b4.conv1.noise_strength");
        assertArrayEquals(new long[0], ns.shape());
        assertEquals(-0.11720492f, ns.toFloatArray()[0], 1e-7f);
    }

    @Test
    void readsNumpySeedFixture() {
        SafeTensors st = SafeTensors.read(SharedDir.fixture("numpy-seeds", "z.safetensors"));
        assertEquals(List.of("z.seed0", "z.seed1", "z.seed42", "z.seed85", "z.seed123456789", "z.seed4294967295"),
                st.names());
        assertEquals("F64", st.get("z.seed42").dtype());
        assertArrayEquals(new long[] {1, 512}, st.get("z.seed42").shape());
        assertEquals(512, st.get("z.seed42").toDoubleArray().length);
    }

    @Test
    void missingNameListsSomeNames() {
        SafeTensors st = SafeTensors.read(SharedDir.fixture("numpy-seeds", "z.safetensors"));
        var e = assertThrows(SafeTensorsException.class, () -> st.get("z.seed7"));
        assertTrue(e.getMessage().contains("z.seed0"), e.getMessage());
        assertTrue(e.getMessage().contains("z.seed7"), e.getMessage());
    }
}
