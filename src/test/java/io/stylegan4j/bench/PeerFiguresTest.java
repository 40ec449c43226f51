package io.stylegan4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --peers FILE}: ratios against the official code measured on this machine, each line naming its figure. */
class PeerFiguresTest {
    // As ../shared/peers/bench_nvlabs.py prints them (fields trimmed): a rosinality line, gen, one phase, the average.
    static final String PEERS = String.join("\n",
            "{\"impl\": \"rosinality\", \"bench\": \"gen_eval\", \"size\": 4, \"batch\": 2, \"imgs_per_s\": 99.0}",
            "{\"impl\": \"nvlabs-stylegan2-ada\", \"size\": 4, \"batch\": 2, \"cbase\": 32768, \"bench\": \"gen_eval\", \"imgs_per_s\": 4.0, \"torch\": \"1.13.0a0\", \"threads\": 2}",
            "",
            "{\"impl\": \"nvlabs-stylegan2-ada\", \"size\": 64, \"batch\": 8, \"cbase\": 32768, \"bench\": \"train_iter\", \"median_s\": 25.7, \"threads\": 2}",
            "{\"impl\": \"nvlabs-stylegan2-ada\", \"size\": 64, \"batch\": 8, \"cbase\": 32768, \"bench\": \"train_amortized\", \"s_per_iter\": 28.9, \"threads\": 2}");

    @Test
    void theOfficialLinesAtTheSameSizeBatchAndWidthAreUsed(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("peers.jsonl"), PEERS);
        PeerFigures p = PeerFigures.read(file);
        PeerFigures.Figure gen = p.lookup("generate", 4, 2, 32768);
        assertEquals(4.0, gen.imgPerS(), "the official line, not rosinality's");
        assertTrue(gen.source().startsWith(file + " line 2 (nvlabs-stylegan2-ada gen_eval, 2 threads, torch 1.13.0a0; "), gen.source());
        PeerFigures.Figure train = p.lookup("train", 64, 8, 32768);
        assertEquals(8 / 28.9, train.imgPerS(), 1e-12, "batch / s_per_iter of train_amortized");
        assertTrue(train.source().contains("line 5 "), train.source());
        assertNull(p.lookup("generate", 4, 2, 16384), "another channel_base is another network");
        assertNull(p.lookup("generate", 4, 4, 32768));
        Path bad = Files.writeString(tmp.resolve("bad.jsonl"), "Setting up...\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeerFigures.read(bad));
        assertTrue(e.getMessage().contains("line 1 is not JSON"), e.getMessage());
    }

    @Test
    void everyBenchLineSaysWhichFigureItUsed(@TempDir Path tmp) throws Exception {
        TestSupport.cpu();
        Path file = Files.writeString(tmp.resolve("peers.jsonl"), PEERS);
        String with = bench("--peers", file.toString(), "--batch", "2");
        assertTrue(with.contains("official 4.00 img/s, ratio ") && with.contains("[" + file + " line 2 (nvlabs-stylegan2-ada gen_eval"), with);
        String missing = bench("--peers", file.toString(), "--batch", "1");
        assertTrue(missing.contains("[no official figure: " + file + " has no nvlabs gen_eval line at 4 px, batch 1, cbase 32768]"), missing);
        String builtIn = bench("--batch", "2");
        assertTrue(builtIn.contains("[no official figure: none built in at this size and batch (bench --peers FILE)]"), builtIn);
    }

    private static String bench(String... extra) {
        String[] args = {"bench", "--quick", "--res", "4", "--reps", "1", "--dtype", "f32", "--threads", "1"};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            assertEquals(0, Main.run(all));
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
