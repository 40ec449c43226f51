package io.stylegan4j.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * numpy's {@code .npz} (a ZIP of {@code .npy} arrays) for one float32 array, the way the official projector writes
 * {@code projected_w.npz} ({@code np.savez(path, w=...)}) and {@code generate.py --projected-w} reads it. Written by
 * hand: the format is a ten-byte preamble and a Python-literal header (numpy's NEP 1), and the one Maven library for
 * it brings the Kotlin runtime along.
 */
public final class Npz {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fi])(\\d)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** A float32 array in C order. */
    public record Array(long[] shape, float[] data) {
        public Array {
            long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            if (n != data.length) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got " + data.length);
        }
    }

    private Npz() {}

    /** Writes {@code {key: array}} as an uncompressed .npz (as np.savez), atomically. */
    public static void write(Path path, String key, Array array) throws IOException {
        byte[] npy = npy(array);
        CRC32 crc = new CRC32();
        crc.update(npy);
        AtomicFiles.write(path, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            ZipEntry e = new ZipEntry(key + ".npy");
            e.setMethod(ZipEntry.STORED);
            e.setSize(npy.length);
            e.setCompressedSize(npy.length);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            zip.write(npy);
            zip.closeEntry();
            zip.finish();
        });
    }

    static byte[] npy(Array a) {
        StringBuilder shape = new StringBuilder("(");
        for (long s : a.shape()) shape.append(s).append(", ");
        if (a.shape().length > 1) shape.setLength(shape.length() - 2);
        else if (a.shape().length == 1) shape.setLength(shape.length() - 1); // (n,) for one dimension
        shape.append(')');
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64; // numpy aligns the data to 64 bytes
        String header = dict + " ".repeat(padded - unpadded) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + 4 * a.data().length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        for (float f : a.data()) b.putFloat(f);
        return b.array();
    }

    /** Reads array {@code key} (float32 or float64, C order) from an .npz; errors name the file and what is wrong. */
    public static Array read(Path path, String key) throws IOException {
        if (!Files.isRegularFile(path)) throw new IllegalArgumentException(path + ": no such .npz file");
        try (InputStream in = Files.newInputStream(path); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(key + ".npy")) return parseNpy(zip.readAllBytes(), path + ":" + key);
            }
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException(path + " is not an .npz file (" + e.getMessage() + ")");
        }
        throw new IllegalArgumentException(path + " holds no array '" + key + "' (is it a projector's projected_w.npz?)");
    }

    static Array parseNpy(byte[] bytes, String name) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) throw new IllegalArgumentException(name + ": not an .npy array");
        int major = bytes[6];
        b.position(8);
        int headerLen = major == 1 ? Short.toUnsignedInt(b.getShort()) : b.getInt();
        String header = new String(bytes, b.position(), headerLen, major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        b.position(b.position() + headerLen);
        Matcher d = DESCR.matcher(header), f = FORTRAN.matcher(header), s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) throw new IllegalArgumentException(name + ": unreadable .npy header " + header.strip());
        if (f.group(1).equals("True")) throw new IllegalArgumentException(name + ": Fortran-ordered arrays are not supported; save it with np.ascontiguousarray");
        if (!d.group(2).equals("f") || !(d.group(3).equals("4") || d.group(3).equals("8")))
            throw new IllegalArgumentException(name + ": dtype " + d.group(2) + d.group(3) + " is not float32 or float64");
        if (d.group(1).equals(">")) b.order(ByteOrder.BIG_ENDIAN);
        long[] shape = Arrays.stream(s.group(1).split(",")).map(String::strip).filter(x -> !x.isEmpty()).mapToLong(Long::parseLong).toArray();
        long n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        int width = Integer.parseInt(d.group(3));
        if (b.remaining() < n * width) throw new IllegalArgumentException(name + ": truncated array data");
        float[] data = new float[(int) n];
        for (int i = 0; i < n; i++) data[i] = width == 4 ? b.getFloat() : (float) b.getDouble();
        return new Array(shape, data);
    }
}
