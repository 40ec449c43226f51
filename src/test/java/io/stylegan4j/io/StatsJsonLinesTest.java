package io.stylegan4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsJsonLinesTest {
    @TempDir
    Path tmp;

    record Tick(double kimg, double loss, String phase) {
    }

    @Test
    void writesOneFlushedObjectPerLine() throws Exception {
        Path f = tmp.resolve("sub/stats.jsonl");
        try (JsonLines log = JsonLines.append(f)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kimg", 4.0);
            m.put("Loss/G", 1.25);
            log.write(m);
            log.write(new Tick(8.0, 0.5, "G"));
            // flushed before close, so a crash now keeps both lines
            assertEquals(2, Files.readAllLines(f).size());
        }
        List<String> lines = Files.readAllLines(f);
        assertEquals("{\"kimg\":4.0,\"Loss/G\":1.25}", lines.get(0));
        List<Map<String, Object>> back = JsonLines.read(f);
        assertEquals(2, back.size());
        assertEquals(1.25, back.get(0).get("Loss/G"));
        assertEquals("G", back.get(1).get("phase"));
    }

    @Test
    void appendContinuesAnExistingLog() {
        Path f = tmp.resolve("s.jsonl");
        try (JsonLines log = JsonLines.append(f)) {
            log.write(Map.of("kimg", 1));
        }
        try (JsonLines log = JsonLines.append(f)) {
            log.write(Map.of("kimg", 2));
        }
        assertEquals(2, JsonLines.read(f).size());
    }

    @Test
    void readerDropsTruncatedLastLine() throws Exception {
        Path f = tmp.resolve("t.jsonl");
        Files.writeString(f, "{\"kimg\":1}\n{\"kimg\":2}\n{\"kimg\":3,\"Loss/G\":0.", StandardCharsets.UTF_8);
        List<Map<String, Object>> rows = JsonLines.read(f);
        assertEquals(2, rows.size());
        assertEquals(2, rows.get(1).get("kimg"));
    }

    @Test
    void resumingAfterATornLineStartsOnAFreshLine() throws Exception {
        Path f = tmp.resolve("r.jsonl");
        Files.writeString(f, "{\"kimg\":1}\n{\"kimg\":2,\"Lo", StandardCharsets.UTF_8);
        try (JsonLines log = JsonLines.append(f)) {
            log.write(Map.of("kimg", 3));
        }
        List<Map<String, Object>> rows = JsonLines.read(f);
        assertEquals(2, rows.size());
        assertEquals(3, rows.get(1).get("kimg"));
    }

    @Test
    void damageInTheMiddleIsAnError() throws Exception {
        Path f = tmp.resolve("d.jsonl");
        Files.writeString(f, "{\"kimg\":1}\nnot json\n{\"kimg\":3}\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE);
        var e = assertThrows(JsonLines.JsonLinesException.class, () -> JsonLines.read(f));
        assertTrue(e.getMessage().contains(":2:"), e.getMessage());
    }
}
