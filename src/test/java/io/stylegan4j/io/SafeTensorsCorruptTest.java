package io.stylegan4j.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsCorruptTest {
    @TempDir
    Path tmp;

    private String errorFor(byte[] content) throws Exception {
        Path f = tmp.resolve("bad.safetensors");
        Files.write(f, content);
        String msg = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(f)).getMessage();
        assertTrue(msg.contains(f.toString()), "names the file: " + msg);
        assertFalse(msg.contains("\n"), "one line: " + msg);
        return msg;
    }

    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    private static byte[] good() {
        return SafeTensors.writer().put("a", "F32", new long[] {4}, new float[4])
                .put("b", "F32", new long[] {2}, new float[2]).toBytes();
    }

    @Test
    void tooShort() throws Exception {
        assertTrue(errorFor(new byte[3]).contains("too short"));
    }

    @Test
    void truncatedData() throws Exception {
        byte[] g = good();
        String msg = errorFor(Arrays.copyOf(g, g.length - 3));
        assertTrue(msg.contains("outside") || msg.contains("truncated"), msg);
    }

    @Test
    void headerLengthBeyondFile() throws Exception {
        byte[] g = good();
        ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN).putLong(0, g.length);
        assertTrue(errorFor(g).contains("header length"));
        ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
        assertTrue(errorFor(g).contains("18446744073709551615"));
    }

    @Test
    void garbageJson() throws Exception {
        assertTrue(errorFor(file("{\"a\": [1, 2", 0)).contains("JSON"));
        assertTrue(errorFor(file("[1, 2, 3]     ", 0)).contains("JSON object"));
        assertTrue(errorFor(file("{} trailing", 0)).contains("JSON"));
        assertTrue(errorFor(file("{\"a\":1,\"a\":2}", 0)).contains("JSON"));
    }

    @Test
    void offsetsThatDoNotMatchShape() throws Exception {
        String msg = errorFor(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8));
        assertTrue(msg.contains("needs 12"), msg);
    }

    @Test
    void overlappingOffsets() throws Exception {
        String msg = errorFor(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8));
        assertTrue(msg.contains("overlaps"), msg);
    }

    @Test
    void gapsAndTrailingBytes() throws Exception {
        assertTrue(errorFor(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8))
                .contains("gap"));
        assertTrue(errorFor(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8))
                .contains("trailing"));
    }

    @Test
    void badFieldsAndDtypes() throws Exception {
        assertTrue(errorFor(file("{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1))
                .contains("unsupported dtype"));
        assertTrue(errorFor(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4))
                .contains("non-negative"));
        assertTrue(errorFor(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4)).contains("data_offsets"));
        assertTrue(errorFor(file("{\"__metadata__\":{\"k\":1}}", 0)).contains("not a string"));
    }

    @Test
    void missingFile() {
        var e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(tmp.resolve("nope")));
        assertTrue(e.getMessage().contains("no such file"));
    }
}
