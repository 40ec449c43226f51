package io.stylegan4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Plain (non-terminal) progress lines, timed by a clock the test advances itself: no sleeping, no timing luck. */
class StatsProgressTest {
    private final AtomicLong nanos = new AtomicLong();
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    private Progress plain(String task, long total, Duration interval) {
        return new Progress(task, total, "img", new PrintStream(buf, true, StandardCharsets.UTF_8), false, interval, 0, nanos::get);
    }

    private List<String> lines() {
        return buf.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void plainModePrintsFewLinesAndAlwaysTheFinalState() {
        try (Progress p = plain("train", 1000, Duration.ofHours(1))) {
            for (int i = 0; i < 10; i++) {
                p.step(100, "loss " + i);
                nanos.addAndGet(Duration.ofMinutes(5).toNanos()); // 50 minutes in all: under the hour
                p.refresh();
            }
            assertEquals(1000, p.current());
        }
        assertFalse(buf.toString(StandardCharsets.UTF_8).contains("\r"), "no carriage-return redraws in plain mode");
        List<String> lines = lines();
        assertTrue(lines.size() >= 1 && lines.size() <= 2, "first line and final line only: " + lines);
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains("train") && last.contains("100%"), last);
        assertTrue(last.contains("1000/1000 img"), last);
        assertTrue(last.contains("loss 9"), last);
        assertTrue(last.contains("/s"), "shows a rate: " + last);
    }

    @Test
    void aLinePerIntervalThatPassed() {
        try (Progress p = plain("gen", 50, Duration.ofSeconds(30))) {
            for (int i = 1; i <= 5; i++) {
                p.step(10);
                nanos.addAndGet(Duration.ofSeconds(31).toNanos());
                p.refresh();
                long n = i;
                assertTrue(lines().stream().anyMatch(l -> l.contains(n * 10 + "/50")), "line for " + n * 10 + ": " + lines());
            }
        }
        // The first render, one per interval, and nothing more: the final state was already printed.
        assertTrue(lines().size() >= 5 && lines().size() <= 6, lines().toString());
    }
}
