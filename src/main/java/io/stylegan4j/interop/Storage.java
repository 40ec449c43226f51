package io.stylegan4j.interop;

import io.stylegan4j.io.Half;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.razorvine.pickle.IObjectConstructor;

/** A torch storage: raw little-endian elements of one type, as a view into the bytes it was read from (no copy). */
record Storage(Kind kind, byte[] bytes, int offset, long numel) {

    /** The torch.*Storage classes a checkpoint names; each is a distinct object, so the allowlist can map to it. */
    enum Kind implements IObjectConstructor {
        FLOAT("FloatStorage", 4), DOUBLE("DoubleStorage", 8), HALF("HalfStorage", 2), BFLOAT16("BFloat16Storage", 2),
        LONG("LongStorage", 8), INT("IntStorage", 4), SHORT("ShortStorage", 2), CHAR("CharStorage", 1),
        BYTE("ByteStorage", 1), BOOL("BoolStorage", 1);

        final String pythonName;
        final int itemSize;

        Kind(String pythonName, int itemSize) {
            this.pythonName = pythonName;
            this.itemSize = itemSize;
        }

        @Override
        public Object construct(Object[] args) {
            throw new InteropException("the pickle calls torch." + pythonName + " directly; checkpoints only name it");
        }
    }

    Storage {
        if (numel < 0 || offset < 0 || numel * kind.itemSize > bytes.length - (long) offset)
            throw new InteropException("a " + kind.pythonName + " of " + numel + " elements does not fit in the "
                    + (bytes.length - offset) + " bytes given for it");
    }

    /** The tensor's elements in C order as float32 (as torch's {@code .float()} gives them): a view where no conversion is needed. */
    java.nio.FloatBuffer gather(long storageOffset, long[] shape, long[] stride) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) throw new InteropException("a tensor has a negative size " + s);
            n = Math.multiplyExact(n, s);
        }
        if (n > Integer.MAX_VALUE - 8) throw new InteropException("a tensor of " + n + " elements is too large for this reader");
        if (n > 0) { // the furthest element must lie inside the storage
            long last = storageOffset;
            for (int d = 0; d < shape.length; d++) {
                if (stride[d] < 0) throw new InteropException("a tensor has a negative stride");
                last = Math.addExact(last, Math.multiplyExact(shape[d] - 1, stride[d])); // exact: a huge stride must not wrap
            }
            if (storageOffset < 0 || last >= numel)
                throw new InteropException("a tensor reaches element " + last + " of a storage of " + numel);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, (int) (numel * kind.itemSize)).slice().order(ByteOrder.LITTLE_ENDIAN);
        if (kind == Kind.FLOAT && contiguous(shape, stride)) // a view: the common case costs no copy
            return b.position((int) (storageOffset * 4)).limit((int) ((storageOffset + n) * 4)).slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[(int) n];
        int rank = shape.length;
        long[] idx = new long[rank];
        for (int i = 0; i < n; i++) {
            long e = storageOffset;
            for (int d = 0; d < rank; d++) e += idx[d] * stride[d];
            out[i] = element(b, (int) e);
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) break;
                idx[d] = 0;
            }
        }
        return java.nio.FloatBuffer.wrap(out);
    }

    private float element(ByteBuffer b, int i) {
        return switch (kind) {
            case FLOAT -> b.getFloat(i * 4);
            case DOUBLE -> (float) b.getDouble(i * 8);
            case HALF -> Half.f16ToFloat(b.getShort(i * 2));
            case BFLOAT16 -> Half.bf16ToFloat(b.getShort(i * 2));
            case LONG -> b.getLong(i * 8);
            case INT -> b.getInt(i * 4);
            case SHORT -> b.getShort(i * 2);
            case CHAR -> b.get(i);
            case BYTE, BOOL -> b.get(i) & 0xff;
        };
    }

    private static boolean contiguous(long[] shape, long[] stride) {
        long expect = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expect) return false;
            expect *= shape[d];
        }
        return true;
    }
}
