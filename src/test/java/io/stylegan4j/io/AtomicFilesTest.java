package io.stylegan4j.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir Path dir;

    @Test
    void writesContent() throws IOException {
        Path target = dir.resolve("sub/a.txt");
        AtomicFiles.write(target, out -> out.write("hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals("hello", Files.readString(target));
        assertEquals(1, listing(target.getParent()));
    }

    @Test
    void failingWriterLeavesNoFileAndNoTemp() throws IOException {
        Path target = dir.resolve("b.bin");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[1000]);
            throw new IOException("boom");
        }));
        assertEquals("boom", e.getMessage());
        assertFalse(Files.exists(target));
        assertEquals(0, listing(dir));
    }

    @Test
    void failingWriterKeepsOldContent() throws IOException {
        Path target = dir.resolve("c.txt");
        Files.writeString(target, "old");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IllegalStateException("runtime boom");
        }));
        assertEquals("old", Files.readString(target));
        assertEquals(1, listing(dir));
    }

    private static long listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }
}
