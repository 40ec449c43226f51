package io.stylegan4j.metrics;

import io.stylegan4j.io.JsonLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The run directory's {@code metric-<name>.jsonl} files: appending a record (as the official {@code report_metric})
 * and reading them back as points for {@code curves.png}, x = the snapshot's kimg from its file name.
 */
public final class MetricLog {
    private static final Pattern KIMG = Pattern.compile("(\\d+)\\.\\w+$");

    private MetricLog() {}

    public static Path file(Path runDir, String metric) {
        return runDir.resolve("metric-" + metric + ".jsonl");
    }

    /** Appends one whole line (JsonLines writes and flushes a line at a time, so a kill leaves no torn record). */
    public static void append(Path runDir, Map<String, Object> record) {
        try (JsonLines out = JsonLines.append(file(runDir, (String) record.get("metric")))) {
            out.write(record);
        }
    }

    /** One {@code {kimg, <result>: value, ...}} per line of every metric file, for plotting beside the stats. */
    public static List<Map<String, Object>> plotRecords(Path runDir) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(runDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("metric-.+\\.jsonl")).sorted().toList()) {
                for (Map<String, Object> rec : JsonLines.read(f)) {
                    Object snap = rec.get("snapshot_pkl"), results = rec.get("results");
                    if (!(snap instanceof String s) || !(results instanceof Map<?, ?> r)) continue;
                    Matcher m = KIMG.matcher(s);
                    if (!m.find()) continue;
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("kimg", Double.parseDouble(m.group(1)));
                    r.forEach((k, v) -> p.put(String.valueOf(k), v));
                    out.add(p);
                }
            }
        } catch (IOException e) {
            return out; // curves are a convenience; the jsonl files stay the record
        }
        return out;
    }

    /** The result names found in {@code records}, in first-seen order. */
    public static List<String> series(List<Map<String, Object>> records) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : records)
            for (String k : r.keySet())
                if (!k.equals("kimg") && !out.contains(k)) out.add(k);
        return out;
    }
}
