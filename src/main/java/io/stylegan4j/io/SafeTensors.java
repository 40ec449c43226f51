package io.stylegan4j.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file read fully into memory: u64 LE header length, a JSON header, then raw LE tensor data.
 * Validation follows the reference implementation (contiguous, non-overlapping, exactly sized data) so a file
 * this accepts is one PyTorch's loader accepts too.
 */
public final class SafeTensors {
    static final String METADATA_KEY = "__metadata__";
    /** Header entry holding the CRC-32C of the data section, hex; verified on read where present. */
    public static final String CHECKSUM_KEY = "data_crc32c";
    // the reference implementation caps the header at 100 MB, so a larger length means a corrupt file
    private static final long MAX_HEADER = 100_000_000L;

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Path path;
    private final Map<String, Entry> entries; // in data-offset order
    private final Map<String, String> metadata;

    private SafeTensors(Path path, Map<String, Entry> entries, Map<String, String> metadata) {
        this.path = path;
        this.entries = entries;
        this.metadata = metadata;
    }

    public static SafeTensorsWriter writer() {
        return new SafeTensorsWriter();
    }

    public static SafeTensors read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new SafeTensorsException(path + ": no such file; check the path");
        } catch (OutOfMemoryError | IOException e) {
            throw new SafeTensorsException(path + ": cannot read (" + e + "); check the path and -Xmx", e);
        }
        return parse(path, bytes);
    }

    static SafeTensors parse(Path path, byte[] bytes) {
        if (bytes.length < 8) {
            throw fail(path, "file is " + bytes.length + " bytes, too short for the 8-byte header length; "
                    + "it is truncated or not a safetensors file");
        }
        ByteBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = all.getLong(0);
        if (n < 2 || n > MAX_HEADER || n > bytes.length - 8L) {
            throw fail(path, "header length " + Long.toUnsignedString(n) + " does not fit in the "
                    + bytes.length + "-byte file; it is truncated or not a safetensors file");
        }
        int headerLen = (int) n;
        JsonNode header = parseHeader(path, bytes, headerLen);
        ByteBuffer data = all.slice(8 + headerLen, bytes.length - 8 - headerLen).order(ByteOrder.LITTLE_ENDIAN);

        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals(METADATA_KEY)) {
                readMetadata(path, f.getValue(), metadata);
            } else {
                list.add(readEntry(path, f.getKey(), f.getValue(), data));
            }
        }
        list.sort(Comparator.comparingLong((Entry e) -> e.begin).thenComparingLong(e -> e.end));
        checkLayout(path, list, data.capacity());
        String crc = metadata.get(CHECKSUM_KEY);
        if (crc != null && !crc.equals(crc32c(data.duplicate()))) {
            throw fail(path, "the data does not match the checksum in its header (" + CHECKSUM_KEY + " " + crc + ", data "
                    + crc32c(data.duplicate()) + "); the file is corrupt");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Entry e : list) {
            entries.put(e.name, e);
        }
        return new SafeTensors(path, Collections.unmodifiableMap(entries), Collections.unmodifiableMap(metadata));
    }

    /** CRC-32C (hardware-accelerated in the JDK, so verifying costs little next to reading) as 8 hex digits. */
    static String crc32c(ByteBuffer data) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(data);
        return String.format("%08x", c.getValue());
    }

    private static JsonNode parseHeader(Path path, byte[] bytes, int len) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 8, len)).toString();
        } catch (CharacterCodingException e) {
            throw fail(path, "header is not valid UTF-8; the file is corrupt");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw fail(path, "header is not valid JSON (" + e.getOriginalMessage() + "); the file is corrupt");
        }
        if (node == null || !node.isObject()) {
            throw fail(path, "header is not a JSON object; the file is corrupt");
        }
        return node;
    }

    private static void readMetadata(Path path, JsonNode node, Map<String, String> out) {
        if (!node.isObject()) {
            throw fail(path, METADATA_KEY + " is not a JSON object; the file is corrupt");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            if (!m.getValue().isTextual()) {
                throw fail(path, METADATA_KEY + "." + m.getKey() + " is not a string, as the format requires");
            }
            out.put(m.getKey(), m.getValue().textValue());
        }
    }

    private static Entry readEntry(Path path, String name, JsonNode node, ByteBuffer data) {
        String where = "tensor '" + name + "'";
        if (!node.isObject() || !node.path("dtype").isTextual() || !node.path("shape").isArray()
                || !node.path("data_offsets").isArray() || node.get("data_offsets").size() != 2) {
            throw fail(path, where + " lacks a string dtype, a shape array or 2 data_offsets; the file is corrupt");
        }
        Dtype dtype;
        try {
            dtype = Dtype.parse(node.get("dtype").textValue());
        } catch (SafeTensorsException e) {
            throw fail(path, where + ": " + e.getMessage());
        }
        long[] shape = new long[node.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = nonNegativeLong(path, where + " shape", node.get("shape").get(i));
        }
        long begin = nonNegativeLong(path, where + " data_offsets", node.get("data_offsets").get(0));
        long end = nonNegativeLong(path, where + " data_offsets", node.get("data_offsets").get(1));
        if (begin > end || end > data.capacity()) {
            throw fail(path, where + " data_offsets [" + begin + "," + end + "] lie outside the "
                    + data.capacity() + "-byte data section; the file is truncated or corrupt");
        }
        long expected;
        try {
            expected = Math.multiplyExact(Shapes.numel(shape), dtype.size);
        } catch (ArithmeticException e) {
            throw fail(path, where + " shape " + Shapes.toString(shape) + " is too large; the file is corrupt");
        }
        if (end - begin != expected) {
            throw fail(path, where + " has " + (end - begin) + " bytes but " + dtype + Shapes.toString(shape)
                    + " needs " + expected + "; the file is corrupt");
        }
        ByteBuffer slice = data.slice((int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        return new Entry(name, dtype, shape, begin, end, slice);
    }

    private static long nonNegativeLong(Path path, String what, JsonNode v) {
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.longValue() < 0) {
            throw fail(path, what + " has '" + v + "', not a non-negative integer; the file is corrupt");
        }
        return v.longValue();
    }

    /** Sorted entries must tile the data section exactly, as the reference loader requires. */
    private static void checkLayout(Path path, List<Entry> sorted, long dataLen) {
        long at = 0;
        Entry prev = null;
        for (Entry e : sorted) {
            if (e.begin != at) {
                String msg = e.begin < at
                        ? "tensor '" + e.name + "' overlaps '" + prev.name + "'"
                        : "there is a gap before tensor '" + e.name + "' at byte " + at;
                throw fail(path, msg + "; the file is corrupt");
            }
            at = e.end;
            prev = e;
        }
        if (at != dataLen) {
            throw fail(path, "the data section has " + dataLen + " bytes but the tensors cover " + at
                    + "; the file is corrupt or has trailing bytes");
        }
    }

    private static SafeTensorsException fail(Path path, String problem) {
        return new SafeTensorsException(path + ": " + problem);
    }

    public Path path() {
        return path;
    }

    /** Tensor names in file order (by data offset), which is the order the writer stored them. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    public Entry get(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            List<String> some = names().subList(0, Math.min(5, entries.size()));
            throw new SafeTensorsException(path + ": no tensor '" + name + "'; it has " + entries.size()
                    + " tensors, e.g. " + some + "; check the name");
        }
        return e;
    }

    /** One tensor: a view on the file's bytes plus conversions to Java arrays. */
    public static final class Entry {
        private final String name;
        private final Dtype dtype;
        private final long[] shape;
        private final long begin;
        private final long end;
        private final ByteBuffer bytes;

        Entry(String name, Dtype dtype, long[] shape, long begin, long end, ByteBuffer bytes) {
            this.name = name;
            this.dtype = dtype;
            this.shape = shape;
            this.begin = begin;
            this.end = end;
            this.bytes = bytes;
        }

        public String name() {
            return name;
        }

        public String dtype() {
            return dtype.name();
        }

        public long[] shape() {
            return shape.clone();
        }

        public long numel() {
            return Shapes.numel(shape);
        }

        /** Read-only little-endian view of the raw bytes. */
        public ByteBuffer raw() {
            return bytes.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }

        public float[] toFloatArray() {
            int n = count();
            float[] out = new float[n];
            ByteBuffer b = raw();
            switch (dtype) {
                case F32 -> b.asFloatBuffer().get(out);
                case F16 -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = Half.f16ToFloat(b.getShort(2 * i));
                    }
                }
                case BF16 -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = Half.bf16ToFloat(b.getShort(2 * i));
                    }
                }
                default -> {
                    double[] d = toDoubleArray();
                    for (int i = 0; i < n; i++) {
                        out[i] = (float) d[i];
                    }
                }
            }
            return out;
        }

        public double[] toDoubleArray() {
            int n = count();
            double[] out = new double[n];
            ByteBuffer b = raw();
            switch (dtype) {
                case F64 -> b.asDoubleBuffer().get(out);
                case F32, F16, BF16 -> {
                    float[] f = toFloatArray();
                    for (int i = 0; i < n; i++) {
                        out[i] = f[i];
                    }
                }
                case U64 -> {
                    for (int i = 0; i < n; i++) {
                        long v = b.getLong(8 * i);
                        // unsigned: values past 2^63 would otherwise turn negative
                        out[i] = v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
                    }
                }
                default -> {
                    long[] l = toLongArray();
                    for (int i = 0; i < n; i++) {
                        out[i] = l[i];
                    }
                }
            }
            return out;
        }

        /** Integer and BOOL tensors; U64 values above Long.MAX_VALUE wrap, as Java has no unsigned long. */
        public long[] toLongArray() {
            if (dtype.floating) {
                throw new SafeTensorsException("tensor '" + name + "' is " + dtype
                        + ", not an integer type; use toFloatArray or toDoubleArray");
            }
            int n = count();
            long[] out = new long[n];
            ByteBuffer b = raw();
            for (int i = 0; i < n; i++) {
                out[i] = switch (dtype) {
                    case I64, U64 -> b.getLong(8 * i);
                    case I32 -> b.getInt(4 * i);
                    case U32 -> Integer.toUnsignedLong(b.getInt(4 * i));
                    case I16 -> b.getShort(2 * i);
                    case U16 -> Short.toUnsignedInt(b.getShort(2 * i));
                    case I8 -> b.get(i);
                    case U8, BOOL -> Byte.toUnsignedInt(b.get(i));
                    default -> throw new IllegalStateException(dtype.name());
                };
            }
            return out;
        }

        private int count() {
            long n = numel();
            if (n > Integer.MAX_VALUE - 8) {
                throw new SafeTensorsException("tensor '" + name + "' has " + n
                        + " elements, more than a Java array holds; use raw()");
            }
            return (int) n;
        }

        @Override
        public String toString() {
            return name + " " + dtype + Shapes.toString(shape);
        }
    }
}
