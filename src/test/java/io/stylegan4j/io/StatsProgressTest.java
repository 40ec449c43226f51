package io.stylegan4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsProgressTest {
    @Test
    void plainModePrintsFewLinesAndAlwaysTheFinalState() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        try (Progress p = new Progress("train", 1000, "img", out, false, Duration.ofHours(1))) {
            for (int i = 0; i < 10; i++) {
                p.step(100, "loss " + i);
                Thread.sleep(30);
            }
            assertEquals(1000, p.current());
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), "no carriage-return redraws in plain mode");
        List<String> lines = Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
        assertTrue(lines.size() >= 1 && lines.size() <= 2, "first line and final line only: " + lines);
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains("train") && last.contains("100%"), last);
        assertTrue(last.contains("1000/1000 img"), last);
        assertTrue(last.contains("loss 9"), last);
        assertTrue(last.contains("/s"), "shows a rate: " + last);
    }

    @Test
    void shortIntervalPrintsPeriodically() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        try (Progress p = new Progress("gen", 50, "img", out, false, Duration.ofMillis(100))) {
            for (int i = 0; i < 5; i++) {
                p.step(10);
                Thread.sleep(150);
            }
        }
        long lines = buf.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count();
        assertTrue(lines >= 3, "several periodic lines: " + lines);
    }
}
