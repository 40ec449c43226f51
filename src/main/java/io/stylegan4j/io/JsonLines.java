package io.stylegan4j.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Append-only JSON-lines log (one object per line, like the official stats.jsonl). Each line is flushed as it
 * is written so a killed run loses at most the line in flight; the reader drops such a torn last line.
 */
public final class JsonLines implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Path path;
    private final BufferedWriter out;

    private JsonLines(Path path, BufferedWriter out) {
        this.path = path;
        this.out = out;
    }

    /** Opens for appending, creating the file (and its folder) if needed; a resumed run continues the log. */
    public static JsonLines append(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            ensureEndsWithNewline(path);
            BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            return new JsonLines(path, w);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path + " for appending: " + e
                    + "; check the path and permissions", e);
        }
    }

    /** A torn last line from a killed run must not swallow the next record, so start on a fresh line. */
    private static void ensureEndsWithNewline(Path path) throws IOException {
        if (!Files.exists(path) || Files.size(path) == 0) {
            return;
        }
        try (var ch = Files.newByteChannel(path, StandardOpenOption.READ)) {
            ch.position(ch.size() - 1);
            var one = java.nio.ByteBuffer.allocate(1);
            ch.read(one);
            if (one.get(0) == '\n') {
                return;
            }
        }
        Files.write(path, new byte[] {'\n'}, StandardOpenOption.APPEND);
    }

    /** Writes a Map, a record or any Jackson-serializable object as one line, then flushes. */
    public synchronized void write(Object record) {
        String line;
        try {
            line = JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + record.getClass().getSimpleName() + " as JSON to "
                    + path + ": " + e.getOriginalMessage(), e);
        }
        try {
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + path + ": " + e + "; check free space", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + path + ": " + e, e);
        }
    }

    /**
     * Reads every well-formed object line. A malformed last line is a write cut short and is dropped; a
     * malformed line elsewhere means the file is damaged, which is an error naming the line.
     */
    public static List<Map<String, Object>> read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(path + ": no such file; check the path", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e, e);
        }
        int last = lines.size() - 1;
        while (last >= 0 && lines.get(last).isBlank()) {
            last--;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(JSON.readValue(line, MAP));
            } catch (IOException e) {
                if (i == last || isTornThenResumed(lines, i)) {
                    continue;
                }
                throw new JsonLinesException(path + ":" + (i + 1) + ": not a JSON object ("
                        + e.getClass().getSimpleName() + "); fix or delete that line");
            }
        }
        return out;
    }

    /** A run killed mid-line and then resumed leaves a torn line followed by good ones; tolerate that too. */
    private static boolean isTornThenResumed(List<String> lines, int i) {
        String s = lines.get(i).strip();
        return s.startsWith("{") && !s.endsWith("}");
    }

    /** A stats file that cannot be trusted; one-line message naming file and line. */
    public static final class JsonLinesException extends RuntimeException {
        public JsonLinesException(String message) {
            super(message);
        }
    }
}
