package io.stylegan4j.interop;

import java.io.ByteArrayInputStream;

/**
 * The bytes a pickle is read from, with its array and position visible so that large BINBYTES payloads (the storage
 * blobs of a network pickle, hundreds of MB in all) become views into the file's bytes instead of copies.
 */
final class PickleInput extends ByteArrayInputStream {
    PickleInput(byte[] data) {
        super(data);
    }

    PickleInput(byte[] data, int offset, int length) {
        super(data, offset, length);
    }

    /** A view of the next {@code n} bytes (already checked to be there), consumed. */
    Bytes take(int n) {
        Bytes b = new Bytes(buf, pos, n);
        pos += n;
        return b;
    }

    /** Where the next byte is, as an index into the underlying array. */
    int position() {
        return pos;
    }

    /** Bytes held as a view: pickled {@code bytes} values at least {@link SafeUnpickler#VIEW_THRESHOLD} long. */
    record Bytes(byte[] array, int offset, int length) {
        /** A bytes value of either kind (byte[] for small ones, a view for large ones), or null when it is neither. */
        static Bytes of(Object o) {
            if (o instanceof Bytes b) return b;
            if (o instanceof byte[] a) return new Bytes(a, 0, a.length);
            return null;
        }
    }
}
