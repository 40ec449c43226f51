package io.stylegan4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers (and a run killed mid-write) see either the old file or the complete new one,
 * never a torn one: write a temp file beside the target, fsync, then rename over it.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What produces the content; may throw IOException, which is reported with the target's name. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Body body) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            // same directory: a rename across file systems would not be atomic
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(ch);
                body.writeTo(out);
                out.flush();
                ch.force(true); // data on disk before the rename makes it visible
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new UncheckedIOException("cannot write " + abs
                        + " atomically: its file system does not support atomic rename; write to a local disk", e);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + abs + ": " + e + "; check the path and free space", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the original error is the one worth reporting
                }
            }
        }
    }

    public static void write(Path target, byte[] content) {
        write(target, out -> out.write(content));
    }
}
