package io.stylegan4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.io.ImageFiles;
import io.stylegan4j.io.JsonLines;
import io.stylegan4j.io.Npz;
import io.stylegan4j.io.Uint8Image;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** project / generate --projected-w / attribute end to end on the 32 px fixture model, and their bad input. */
class ProjectCommandTest {
    @TempDir
    Path tmp;

    private Path image(String name, int channels, int side) throws Exception {
        byte[] px = new byte[channels * side * side];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 7);
        Path f = tmp.resolve(name);
        ImageFiles.writePng(f, new Uint8Image(channels, side, side, px));
        return f;
    }

    private static void oneErrorLine(Cli.Result r, String contains) {
        assertEquals(1, r.code(), r.err());
        String err = r.err().strip();
        assertTrue(err.startsWith("error: ") && !err.contains("\n") && err.contains(contains), err);
    }

    @Test
    void projectsAndRendersTheProjectedW() throws Exception {
        Path model = Cli.model(), out = tmp.resolve("p");
        // 48 px gray target for a 32 px RGB model: resized with a warning, gray repeated to RGB
        Cli.Result r = Cli.ok("project", "--network", model.toString(), "--target", image("t.png", 1, 48).toString(), "--num-steps", "3",
                "--distance", "mse", "--save-video", "--outdir", out.toString(), "--threads", "1");
        assertTrue(r.err().contains("warning: target") && r.err().contains("48x48"), r.err());
        for (String f : List.of("target.png", "proj.png", "projected_w.npz", "stats.jsonl", "proj.gif")) assertTrue(Files.exists(out.resolve(f)), f);
        Npz.Array w = Npz.read(out.resolve("projected_w.npz"), "w");
        assertArrayEquals(new long[] {1, 8, 32}, w.shape());
        List<Map<String, Object>> stats = JsonLines.read(out.resolve("stats.jsonl"));
        assertEquals(4, stats.size());
        assertTrue(stats.get(0).containsKey("mse"));
        assertEquals("mse (pixel-space fallback, not LPIPS)", stats.get(3).get("distance"));
        Path gen = tmp.resolve("g");
        Cli.ok("generate", "--network", model.toString(), "--projected-w", out.resolve("projected_w.npz").toString(), "--outdir", gen.toString());
        assertArrayEquals(Cli.bytes(out.resolve("proj.png")), Cli.bytes(gen.resolve("proj00.png")), "proj.png = generate --projected-w");
    }

    @Test
    void attributesAFolder() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("imgs")), out = tmp.resolve("a");
        Files.copy(image("a.png", 3, 32), dir.resolve("a.png"));
        Files.write(dir.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2});
        Cli.Result r = Cli.ok("attribute", "--network", Cli.model().toString(), "--images", dir.toString(), "--real", dir.toString(),
                "--num-steps", "2", "--distance", "mse", "--outdir", out.toString(), "--threads", "1");
        assertTrue(r.err().contains("warning: skipping") && r.err().contains("broken.png"), r.err());
        assertEquals(2, JsonLines.read(out.resolve("attribution.jsonl")).size());
        assertTrue(Files.exists(out.resolve("histogram.png")) && Files.exists(out.resolve("attribution.json")));
        assertTrue(r.out().contains("ROC AUC 0.5000"), r.out()); // the same image in both sets: a tie
    }

    @Test
    void analyzePplTakesTheVggFromTheMetricsDetectorFlags() throws Exception {
        String model = Cli.model().toString(), out = tmp.resolve("ppl").toString();
        Path vgg = TestSupport.fixture("metrics").resolve("vgg16-standin.pt");
        Cli.ok("analyze", "ppl", "--network", model, "--samples", "4", "--batch", "2", "--detector", "vgg16=" + vgg, "--outdir", out, "--threads", "1");
        assertEquals(4, JsonLines.read(Path.of(out, "ppl.jsonl")).size());
        oneErrorLine(Cli.run("analyze", "ppl", "--network", model, "--detector-dir", tmp.toString(), "--outdir", tmp.resolve("q").toString()),
                "vgg16.pt");
    }

    @Test
    void badInputIsOneLine() throws Exception {
        String model = Cli.model().toString(), target = image("t.png", 3, 32).toString(), out = tmp.resolve("o").toString();
        oneErrorLine(Cli.run("project", "--network", model, "--target", target, "--num-steps", "0", "--outdir", out), "--num-steps must be >= 1");
        oneErrorLine(Cli.run("project", "--network", model, "--target", target, "--detector-dir", tmp.toString(), "--outdir", out),
                "vgg16.pt");
        oneErrorLine(Cli.run("project", "--network", model, "--target", target, "--detector", "vgg16=" + tmp.resolve("v.pt"), "--outdir", out),
                "--distance mse");
        Path junk = tmp.resolve("junk.png");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5});
        oneErrorLine(Cli.run("project", "--network", model, "--target", junk.toString(), "--distance", "mse", "--outdir", out), "junk.png");
        oneErrorLine(Cli.run("project", "--network", model, "--target", tmp.resolve("none.png").toString(), "--outdir", out), "no such file");
        oneErrorLine(Cli.run("generate", "--network", model, "--outdir", out), "either --seeds or --projected-w");
        assertFalse(Files.exists(Path.of(out, "proj.png")));
    }

    @Test
    void aColourTargetForAGrayModelIsRefused() throws Exception {
        Path rgb = image("c.png", 3, 16);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> io.stylegan4j.projection.TargetImage.load(rgb, 16, 1, s -> { }));
        assertTrue(e.getMessage().contains("grayscale"), e.getMessage());
        TestSupport.cpu();
    }
}
