package io.stylegan4j.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects tensors in insertion order and writes one safetensors file atomically. The header layout
 * (__metadata__ first, compact JSON, space padding to a multiple of 8) matches the reference writer so the
 * data section stays 8-byte aligned for memory-mapping readers.
 */
public final class SafeTensorsWriter {
    private record Item(String name, Dtype dtype, long[] shape, byte[] data) {
    }

    private final List<Item> items = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private boolean checksum;

    SafeTensorsWriter() {
    }

    /** Raw little-endian bytes, whose length must match dtype and shape. */
    public SafeTensorsWriter put(String name, String dtype, long[] shape, byte[] data) {
        Dtype dt = Dtype.parse(dtype);
        long n = checkedNumel(name, shape);
        if (data.length != n * dt.size) {
            throw new SafeTensorsException("tensor '" + name + "': " + data.length + " bytes given but " + dt
                    + Shapes.toString(shape) + " needs " + n * dt.size + "; check shape and dtype");
        }
        return add(name, dt, shape, data.clone());
    }

    /** Floats stored as F32, F64, F16 or BF16 (rounded to nearest even, as PyTorch does). */
    public SafeTensorsWriter put(String name, String dtype, long[] shape, float[] data) {
        Dtype dt = Dtype.parse(dtype);
        checkCount(name, shape, data.length);
        ByteBuffer b = ByteBuffer.allocate(data.length * dt.size).order(ByteOrder.LITTLE_ENDIAN);
        switch (dt) {
            case F32 -> b.asFloatBuffer().put(data);
            case F64 -> {
                for (float v : data) {
                    b.putDouble(v);
                }
            }
            case F16 -> {
                for (float v : data) {
                    b.putShort(Half.floatToF16(v));
                }
            }
            case BF16 -> {
                for (float v : data) {
                    b.putShort(Half.floatToBf16(v));
                }
            }
            default -> throw new SafeTensorsException("tensor '" + name + "': cannot store float data as " + dt
                    + "; use F32, F64, F16 or BF16, or convert and pass long[]");
        }
        return add(name, dt, shape, b.array());
    }

    /** Doubles stored as F64, or narrowed to a float type. */
    public SafeTensorsWriter put(String name, String dtype, long[] shape, double[] data) {
        Dtype dt = Dtype.parse(dtype);
        checkCount(name, shape, data.length);
        if (dt == Dtype.F64) {
            ByteBuffer b = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            b.asDoubleBuffer().put(data);
            return add(name, dt, shape, b.array());
        }
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) data[i];
        }
        return put(name, dtype, shape, f);
    }

    /** Integers stored as any integer dtype or BOOL; values that do not fit are an error, not a silent wrap. */
    public SafeTensorsWriter put(String name, String dtype, long[] shape, long[] data) {
        Dtype dt = Dtype.parse(dtype);
        checkCount(name, shape, data.length);
        if (dt.floating) {
            throw new SafeTensorsException("tensor '" + name + "': long[] data cannot be stored as " + dt
                    + "; pass float[] or double[]");
        }
        ByteBuffer b = ByteBuffer.allocate(data.length * dt.size).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : data) {
            checkRange(name, dt, v);
            switch (dt.size) {
                case 8 -> b.putLong(v);
                case 4 -> b.putInt((int) v);
                case 2 -> b.putShort((short) v);
                default -> b.put((byte) v);
            }
        }
        return add(name, dt, shape, b.array());
    }

    /** Stores the data section's CRC-32C in the header ({@link SafeTensors#CHECKSUM_KEY}), so a reader detects a corrupt file. */
    public SafeTensorsWriter checksum() {
        checksum = true;
        return this;
    }

    public SafeTensorsWriter metadata(Map<String, String> meta) {
        metadata.putAll(meta);
        return this;
    }

    /** Serialized file content; exposed for tests and for callers that stream elsewhere. */
    public byte[] toBytes() {
        ObjectNode header = SafeTensors.JSON.createObjectNode();
        if (!metadata.isEmpty() || checksum) {
            ObjectNode m = header.putObject(SafeTensors.METADATA_KEY);
            metadata.forEach(m::put);
            if (checksum) {
                java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
                for (Item it : items) crc.update(it.data);
                m.put(SafeTensors.CHECKSUM_KEY, String.format("%08x", crc.getValue()));
            }
        }
        long offset = 0;
        for (Item it : items) {
            ObjectNode t = header.putObject(it.name);
            t.put("dtype", it.dtype.name());
            ArrayNode s = t.putArray("shape");
            for (long d : it.shape) {
                s.add(d);
            }
            t.putArray("data_offsets").add(offset).add(offset + it.data.length);
            offset += it.data.length;
        }
        byte[] json;
        try {
            json = SafeTensors.JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new SafeTensorsException("cannot serialize the safetensors header: " + e.getOriginalMessage(), e);
        }
        int padded = (json.length + 7) / 8 * 8;
        long total = 8L + padded + offset;
        if (total > Integer.MAX_VALUE - 8) {
            throw new SafeTensorsException("safetensors content of " + total + " bytes exceeds 2 GiB; "
                    + "split the tensors over several files");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Item it : items) {
            out.put(it.data);
        }
        return out.array();
    }

    public void write(Path path) {
        byte[] bytes = toBytes();
        try {
            AtomicFiles.write(path, bytes);
        } catch (java.io.IOException e) {
            throw new SafeTensorsException("cannot write " + path + ": " + e.getMessage() + "; check that the folder is writable");
        }
    }

    private SafeTensorsWriter add(String name, Dtype dt, long[] shape, byte[] bytes) {
        if (name == null || name.isEmpty() || name.equals(SafeTensors.METADATA_KEY)) {
            throw new SafeTensorsException("tensor name '" + name + "' is empty or reserved; choose another");
        }
        if (!names.add(name)) {
            throw new SafeTensorsException("tensor '" + name + "' was already added; names must be unique");
        }
        items.add(new Item(name, dt, shape.clone(), bytes));
        return this;
    }

    private static long checkedNumel(String name, long[] shape) {
        try {
            return Shapes.numel(shape);
        } catch (ArithmeticException e) {
            throw new SafeTensorsException("tensor '" + name + "': bad shape " + Shapes.toString(shape)
                    + " (" + e.getMessage() + ")");
        }
    }

    private static void checkCount(String name, long[] shape, int given) {
        long n = checkedNumel(name, shape);
        if (n != given) {
            throw new SafeTensorsException("tensor '" + name + "': " + given + " values given but shape "
                    + Shapes.toString(shape) + " holds " + n + "; check the shape");
        }
    }

    private static void checkRange(String name, Dtype dt, long v) {
        long lo;
        long hi;
        switch (dt) {
            case I32 -> { lo = Integer.MIN_VALUE; hi = Integer.MAX_VALUE; }
            case U32 -> { lo = 0; hi = 0xffffffffL; }
            case I16 -> { lo = Short.MIN_VALUE; hi = Short.MAX_VALUE; }
            case U16 -> { lo = 0; hi = 0xffff; }
            case I8 -> { lo = Byte.MIN_VALUE; hi = Byte.MAX_VALUE; }
            case U8 -> { lo = 0; hi = 255; }
            case BOOL -> { lo = 0; hi = 1; }
            default -> { return; } // I64, U64 (as raw bits)
        }
        if (v < lo || v > hi) {
            throw new SafeTensorsException("tensor '" + name + "': value " + v + " does not fit " + dt
                    + " [" + lo + "," + hi + "]; use a wider dtype");
        }
    }
}
