package io.stylegan4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image commands on StyleGAN v1 and ProGAN models (the sg1-32 and progan-16 fixtures, converted), and the bad
 * input of the v1 flags: one line, exit 1.
 */
class V1CommandsTest {
    @TempDir
    Path tmp;

    private Path convert(String fixture) {
        Path m = tmp.resolve(fixture + ".safetensors");
        Cli.ok("convert", "--source", TestSupport.fixture(fixture).toString(), "--dest", m.toString());
        return m;
    }

    private String out(String name) {
        return tmp.resolve(name).toString();
    }

    @Test
    void styleGanV1ModelRunsEveryImageCommand() {
        Path m = convert("sg1-32");
        String info = Cli.ok("info", "--network", m.toString()).out();
        assertTrue(info.contains("family: stylegan1") && info.contains("num_ws: 8") && info.contains("G_synthesis/32x32"), info);

        // lod 3 of a 32 px network is its 4x4 stage, upscaled: every 8x8 block is one colour.
        Cli.ok("generate", "--network", m.toString(), "--seeds", "5", "--lod", "3", "--outdir", out("g4"));
        BufferedImage low = Cli.read(tmp.resolve("g4").resolve("seed0005.png"));
        assertEquals(32, low.getWidth());
        for (int y = 0; y < 32; y++)
            for (int x = 0; x < 32; x++) assertEquals(low.getRGB(x & ~7, y & ~7), low.getRGB(x, y), "pixel " + x + "," + y);
        Cli.ok("generate", "--network", m.toString(), "--seeds", "5", "--noise-mode", "none", "--outdir", out("g0"));
        BufferedImage full = Cli.read(tmp.resolve("g0").resolve("seed0005.png"));
        assertFalse(full.getRGB(0, 0) == full.getRGB(1, 0) && full.getRGB(0, 0) == full.getRGB(0, 1) && full.getRGB(1, 1) == full.getRGB(0, 0),
                "lod 0 has full-resolution detail");

        Cli.ok("mix", "--network", m.toString(), "--rows", "1,2", "--cols", "3", "--styles", "0-3", "--outdir", out("mix"));
        Cli.ok("truncation", "--network", m.toString(), "--seeds", "1", "--psi=0,0.7,1", "--trunc-cutoff", "4", "--outdir", out("t"));
        Cli.ok("interpolate", "--network", m.toString(), "--seeds", "1,2", "--frames", "2", "--outdir", out("i"));
        Cli.ok("noise", "--network", m.toString(), "--seed", "5", "--samples", "2", "--outdir", out("n"));
        BufferedImage fig5 = Cli.read(tmp.resolve("n").resolve("figure5.png"));
        assertEquals(4 * 32, fig5.getWidth());
        // Figure 5's second cell (no noise anywhere) is what --noise-mode none renders.
        assertArrayEquals(full.getRGB(0, 0, 32, 32, null, 0, 32), fig5.getRGB(32, 0, 32, 32, null, 0, 32));
        // psi 0 collapses every seed to dlatent_avg: the psi=0 cells of two seeds are identical.
        Cli.ok("truncation", "--network", m.toString(), "--seeds", "1,2", "--psi=0", "--outdir", out("t0"));
        assertArrayEquals(Cli.bytes(tmp.resolve("t0").resolve("seed0001-psi0.0.png")), Cli.bytes(tmp.resolve("t0").resolve("seed0002-psi0.0.png")));
    }

    @Test
    void styleGanV1ModelProjectsAndAnalyzes() throws Exception {
        Path m = convert("sg1-32"), out = tmp.resolve("p");
        byte[] px = new byte[3 * 32 * 32];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 7);
        Path target = tmp.resolve("t.png");
        io.stylegan4j.io.ImageFiles.writePng(target, new io.stylegan4j.io.Uint8Image(3, 32, 32, px));
        Cli.ok("project", "--network", m.toString(), "--target", target.toString(), "--distance", "mse", "--num-steps", "2",
                "--outdir", out.toString(), "--threads", "1");
        io.stylegan4j.io.Npz.Array w = io.stylegan4j.io.Npz.read(out.resolve("projected_w.npz"), "w");
        assertArrayEquals(new long[] {1, 8, 32}, w.shape());
        Cli.ok("generate", "--network", m.toString(), "--projected-w", out.resolve("projected_w.npz").toString(), "--outdir", out("g"));
        assertArrayEquals(Cli.bytes(out.resolve("proj.png")), Cli.bytes(tmp.resolve("g").resolve("proj00.png")), "proj.png = generate --projected-w");
        Cli.ok("analyze", "jacobian", "--network", m.toString(), "--seeds", "0", "--outdir", out("j"), "--threads", "1");
        assertTrue(Files.exists(tmp.resolve("j").resolve("jacobian.json")));
        Path vgg = TestSupport.fixture("metrics").resolve("vgg16-standin.pt");
        Cli.ok("analyze", "ppl", "--network", m.toString(), "--samples", "2", "--batch", "2", "--detector", "vgg16=" + vgg, "--outdir", out("ppl"),
                "--threads", "1");
        assertTrue(Files.exists(tmp.resolve("ppl").resolve("ppl.json")));
        oneErrorLine(Cli.run("analyze", "trgb", "--network", m.toString(), "--samples", "2", "--outdir", out("trgb")), "stylegan1");
    }

    @Test
    void proGanModelGeneratesAndRefusesTruncation() {
        Path m = convert("progan-16");
        assertTrue(Cli.ok("info", "--network", m.toString()).out().contains("family: progan"));
        Cli.ok("generate", "--network", m.toString(), "--seeds", "0-1", "--lod", "0.5", "--outdir", out("g"));
        assertTrue(Files.exists(tmp.resolve("g").resolve("seed0001.png")));
        oneErrorLine(Cli.run("generate", "--network", m.toString(), "--seeds", "0", "--trunc", "0.7", "--outdir", out("t")), "no W space");
        oneErrorLine(Cli.run("analyze", "jacobian", "--network", m.toString(), "--seeds", "0", "--outdir", out("j")), "no W space");
    }

    /**
     * The metrics take StyleGAN v1 and ProGAN models (at the lod they were saved with): FID against real digits is a
     * real number and the same on a second run with the same seed; ProGAN, which has no W space, refuses ppl in W.
     */
    @Test
    void metricsMeasureV1AndProGanModels() {
        Path fx = TestSupport.fixture("metrics");
        String[] common = {"--data", fx.resolve("dataset.zip").toString(), "--num", "64", "--no-cache",
                "--detector", "inception=" + fx.resolve("inception-standin.pt")};
        Path v1 = convert("sg1-32");
        String[] fid = concat(new String[] {"metrics", "--network", v1.toString(), "--metrics", "fid50k_full"}, common);
        Cli.Result a = Cli.run(fid), b = Cli.run(fid);
        assertEquals(0, a.code(), a.err());
        double first = fidOf(a.out());
        assertTrue(first > 1 && Double.isFinite(first), a.out());
        assertEquals(first, fidOf(b.out()), 0.0, "the same seed draws the same images");
        Path pg = convert("progan-16");
        oneErrorLine(Cli.run("metrics", "--network", pg.toString(), "--metrics", "ppl_wend", "--num", "8", "--data", "builtin:16",
                "--detector", "vgg16=" + fx.resolve("vgg16-standin.pt")), "has no W space");
    }

    private static double fidOf(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"fid50k_full\":([0-9.eE+-]+)").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The flags a user leaves out (--seed, --keep) take their defaults; a v1 run once failed on the missing --seed. */
    @Test
    void trainsWithOnlyTheFlagsAUserGives() throws Exception {
        Cli.Result r = Cli.run("train", "--cfg", "sg1", "--data", "builtin:16", "--kimg", "0.004", "--lod-kimg", "0.004", "--minutes", "10",
                "--outdir", out("plain"));
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(tmp.resolve("plain").resolve("network-snapshot-000000.safetensors")), r.out());
    }

    @Test
    void badV1InputIsOneLine() throws Exception {
        Path v1 = convert("sg1-32");
        oneErrorLine(Cli.run("generate", "--network", v1.toString(), "--seeds", "0", "--lod", "3.5", "--outdir", out("a")), "lod 3.5 is out of range");
        oneErrorLine(Cli.run("generate", "--network", v1.toString(), "--seeds", "0", "--lod=-1", "--outdir", out("a")), "out of range");
        oneErrorLine(Cli.run("generate", "--network", Cli.model().toString(), "--seeds", "0", "--lod", "1", "--outdir", out("b")),
                "--lod is for StyleGAN v1");
        oneErrorLine(Cli.run("generate", "--network", v1.toString(), "--seeds", "0", "--class", "1", "--outdir", out("c")), "unconditional");
        oneErrorLine(Cli.run("train", "--cfg", "sg1", "--pl-weight", "2", "--outdir", out("d")), "--pl-weight is a StyleGAN2 option");
        oneErrorLine(Cli.run("train", "--cfg", "cpu32", "--lod-kimg", "2", "--outdir", out("e")), "--lod-kimg is a StyleGAN v1 option");
        oneErrorLine(Cli.run("train", "--cfg", "sg1", "--initial-res", "64", "--data", "builtin:32", "--outdir", out("f")), "--initial-res");
        oneErrorLine(Cli.run("train", "--cfg", "sg1", "--minutes", "0", "--outdir", out("g")), "--minutes must be a positive number");
        oneErrorLine(Cli.run("train", "--cfg", "cpu32", "--minutes", "5", "--nproc", "2", "--outdir", out("h")), "--minutes (ranks would disagree");
        oneErrorLine(Cli.run("train", "--cfg", "cpu32", "--map", "0", "--outdir", out("i")), "--map must be at least 1");
        oneErrorLine(Cli.run("train", "--cfg", "cpu32", "--pack", "0", "--outdir", out("j")), "--pack must be at least 1, got 0");
        oneErrorLine(Cli.run("train", "--cfg", "cpu32", "--pack", "3", "--outdir", out("k")), "--batch 32 must be a multiple of --pack 3");
        Files.createDirectories(tmp.resolve("fx"));
        Files.writeString(tmp.resolve("fx").resolve("config.json"), "{\"G\": {}}");
        oneErrorLine(Cli.run("parity", tmp.resolve("fx").toString()), "unknown layout");
        for (String d : new String[] {"a", "b", "c", "d", "e", "f"}) assertFalse(Files.exists(tmp.resolve(d).resolve("seed0000.png")), "no partial output");
    }

    private static void oneErrorLine(Cli.Result r, String contains) {
        assertEquals(1, r.code(), "exit code; stderr: " + r.err());
        String err = r.err().strip();
        assertTrue(err.startsWith("error: ") && !err.contains("\n") && err.contains(contains), err);
    }
}
