package io.stylegan4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The official code's speeds measured on this machine just before: the JSON lines printed by
 * {@code ../shared/peers/bench_nvlabs.py} ({@code bench --peers FILE}). Ratios against figures from another processor
 * mislead (these machines differ by up to 1.3x in the official code's speed), so a line of this file, naming
 * itself, replaces the built-in figure. Only the official code's lines count ({@code impl} nvlabs-*), at the same
 * size, batch and channel_base: generation from {@code gen_eval} (images/s), training from {@code train_amortized}
 * (seconds per iteration averaged over the lazy schedule, as {@link TrainBenchmark} measures).
 */
public final class PeerFigures {
    /** A peer's images/s and where the figure came from. */
    public record Figure(double imgPerS, String source) {}

    private final Path file;
    private final List<JsonNode> lines = new ArrayList<>();
    private final List<Integer> lineNumbers = new ArrayList<>();
    private final String age;

    private PeerFigures(Path file, String age) {
        this.file = file;
        this.age = age;
    }

    public static PeerFigures read(Path file) {
        List<String> text;
        Instant written;
        try {
            text = Files.readAllLines(file);
            written = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new IllegalArgumentException("--peers " + file + ": cannot read (" + e.getMessage() + "); pass the JSON lines "
                    + "../shared/peers/bench_nvlabs.py printed");
        }
        Duration d = Duration.between(written, Instant.now());
        PeerFigures p = new PeerFigures(file, d.toHours() >= 1 ? d.toHours() + " h old" : Math.max(0, d.toMinutes()) + " min old");
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i).strip();
            if (line.isEmpty()) continue;
            try {
                p.lines.add(json.readTree(line));
                p.lineNumbers.add(i + 1);
            } catch (IOException e) {
                throw new IllegalArgumentException("--peers " + file + " line " + (i + 1) + " is not JSON; pass the JSON lines "
                        + "../shared/peers/bench_nvlabs.py printed");
            }
        }
        return p;
    }

    /** The newest matching line (a file appended to by several runs keeps its last figure), or null. */
    public Figure lookup(String what, int res, int batch, int channelBase) {
        String bench = what.equals("train") ? "train_amortized" : "gen_eval";
        for (int i = lines.size() - 1; i >= 0; i--) {
            JsonNode l = lines.get(i);
            if (!l.path("impl").asText().startsWith("nvlabs") || !l.path("bench").asText().equals(bench)) continue;
            if (l.path("size").asInt() != res || l.path("batch").asInt() != batch) continue;
            if (l.has("cbase") && l.path("cbase").asInt() != channelBase) continue;
            double imgPerS = what.equals("train") ? batch / l.path("s_per_iter").asDouble() : l.path("imgs_per_s").asDouble();
            if (!(imgPerS > 0) || Double.isInfinite(imgPerS)) continue;
            // benchutil.py counts the repetitions no other process disturbed; with none, its figure is the plain median
            String disturbed = l.path("clean_reps").isInt() && l.path("clean_reps").asInt() == 0 ? "; every repetition shared the cores" : "";
            return new Figure(imgPerS, String.format(Locale.ROOT, "%s line %d (%s %s, %s threads, torch %s; %s%s)", file, lineNumbers.get(i),
                    l.path("impl").asText(), bench, l.path("threads").asText("?"), l.path("torch").asText("?"), age, disturbed));
        }
        return null;
    }

    /** Says which line would have matched, for a result line that has no peer figure. */
    public String missing(String what, int res, int batch, int channelBase) {
        return String.format(Locale.ROOT, "no official figure: %s has no nvlabs %s line at %d px, batch %d, cbase %d", file,
                what.equals("train") ? "train_amortized" : "gen_eval", res, batch, channelBase);
    }
}
