package io.stylegan4j.interop;

/**
 * The one error a foreign checkpoint can produce: what is wrong with which file, on one line. Every reader in this
 * package turns malformed input into this (never an OutOfMemoryError, a NegativeArraySizeException or a
 * ClassCastException), so the CLI prints it as {@code error: ...} and callers and fuzz targets can rely on it.
 */
public final class InteropException extends IllegalArgumentException {
    public InteropException(String message) {
        super(message);
    }

    public InteropException(String message, Throwable cause) {
        super(message, cause);
    }
}
