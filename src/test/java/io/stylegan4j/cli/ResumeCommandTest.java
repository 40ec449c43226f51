package io.stylegan4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --resume}: which snapshot, which flags, which data. */
class ResumeCommandTest {
    static final String[] TINY = {"--data", "builtin:16", "--cbase", "256", "--cmax", "16", "--batch", "8", "--threads", "1"};

    static String[] train(Path outdir, String... more) {
        String[] head = {"train", "--outdir", outdir.toString()};
        String[] out = Arrays.copyOf(head, head.length + TINY.length + more.length);
        System.arraycopy(TINY, 0, out, head.length, TINY.length);
        System.arraycopy(more, 0, out, head.length + TINY.length, more.length);
        return out;
    }

    @Test
    void latestSkipsCorruptAndTruncatedSnapshotsWithAWarningEach(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Cli.ok(train(run, "--kimg", "0.008"));
        Path good = run.resolve("network-snapshot-000000.safetensors");
        byte[] bytes = Files.readAllBytes(good);
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 100] ^= 0x01; // one bit of a tensor: the layout still parses, only the checksum sees it
        Files.write(run.resolve("network-snapshot-000001.safetensors"), flipped);
        Files.write(run.resolve("network-snapshot-000002.safetensors"), Arrays.copyOf(bytes, bytes.length / 2));

        Cli.Result r = Cli.ok("train", "--outdir", run.toString(), "--resume", "latest", "--kimg", "0.016", "--data", "builtin:16", "--threads", "1");
        assertTrue(r.err().contains("warning: skipping snapshot network-snapshot-000002.safetensors, it is not valid:")
                && r.err().contains("truncated"), r.err());
        assertTrue(r.err().contains("warning: skipping snapshot network-snapshot-000001.safetensors, it is not valid:")
                && r.err().contains("does not match the checksum"), r.err());
        assertTrue(r.out().contains("resumed from " + good), r.out());

        Files.write(good, flipped);
        Files.delete(run.resolve("network-snapshot-000001.safetensors"));
        Files.delete(run.resolve("network-snapshot-000002.safetensors"));
        Cli.Result none = Cli.run("train", "--outdir", run.toString(), "--resume", "latest", "--threads", "1");
        assertEquals(1, none.code());
        assertTrue(none.err().lines().reduce((a, b) -> b).orElse("").startsWith("error: --resume latest: no valid snapshot in"), none.err());
    }

    @Test
    void resumeSaysWhereEachOptionComesFromAndRefusesContradictions(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Cli.ok(train(run, "--kimg", "0.008", "--gamma", "3"));
        Cli.Result r = Cli.ok("train", "--outdir", run.toString(), "--resume", "latest", "--kimg", "0.016", "--threads", "1");
        String from = r.out().lines().filter(l -> l.startsWith("resume: from network-snapshot-000000.safetensors: ")).findFirst().orElse("");
        for (String f : new String[] {"--cfg cpu32", "--data builtin:16", "--resolution 16", "--batch 8", "--gamma 3", "--cbase 256", "--cmax 16", "--seed 0",
                "--map 2", "--ema 2.5", "--r1-interval 16"})
            assertTrue(from.contains(f), f + " in: " + r.out());
        assertTrue(r.out().contains("resume: from the command line: --kimg 0.016"), r.out());

        Cli.Result gamma = Cli.run("train", "--outdir", run.toString(), "--resume", "latest", "--gamma", "5");
        assertEquals(1, gamma.code());
        assertEquals(1, gamma.err().lines().count(), gamma.err());
        assertTrue(gamma.err().startsWith("error: --gamma 5 conflicts with the snapshot's 3 (network-snapshot-000000.safetensors)"), gamma.err());
        Cli.Result ema = Cli.run("train", "--outdir", run.toString(), "--resume", "latest", "--ema", "10");
        assertTrue(ema.err().startsWith("error: --ema 10 conflicts with the snapshot's 2.5"), ema.err());
        Cli.Result mirror = Cli.run("train", "--outdir", run.toString(), "--resume", "latest", "--mirror", "--cfg", "cpu32");
        assertTrue(mirror.err().startsWith("error: --mirror conflicts with the snapshot"), mirror.err());
    }

    /** D's small-data options are stored in the snapshot: a resume keeps them and refuses the paper's D instead. */
    @Test
    void theDiscriminatorsOptionsAreKeptByResume(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Cli.ok(train(run, "--kimg", "0.008", "--d-head", "average", "--d-downsample", "stride"));
        Cli.Result r = Cli.ok("train", "--outdir", run.toString(), "--resume", "latest", "--kimg", "0.016", "--threads", "1");
        assertTrue(r.out().contains("--d-head average") && r.out().contains("--d-downsample stride"), r.out());
        Cli.Result head = Cli.run("train", "--outdir", run.toString(), "--resume", "latest", "--d-head", "flatten");
        assertEquals(1, head.code());
        assertTrue(head.err().startsWith("error: --d-head flatten conflicts with the snapshot's average"), head.err());
        Cli.Result bad = Cli.run(train(tmp.resolve("bad"), "--kimg", "0.008", "--d-downsample", "pool"));
        assertEquals(1, bad.code());
        assertEquals("error: --d-downsample must be blur or stride, got 'pool'", bad.err().strip());
        if (Files.exists(tmp.resolve("bad")))
            try (var files = Files.list(tmp.resolve("bad"))) {
                assertTrue(files.noneMatch(f -> f.toString().endsWith(".safetensors")), "no snapshot from a refused run");
            }
    }

    @Test
    void resumeRefusesOtherDataUnlessAllowed(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        for (int i = 0; i < 8; i++) {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
            img.setRGB(i, i, 0xff0000);
            Files.createDirectories(data);
            javax.imageio.ImageIO.write(img, "png", data.resolve("img" + i + ".png").toFile());
        }
        Path run = tmp.resolve("run");
        Cli.ok("train", "--outdir", run.toString(), "--data", data.toString(), "--cbase", "256", "--cmax", "16", "--batch", "8", "--kimg", "0.008", "--threads", "1");
        Path moved = tmp.resolve("moved");
        Files.move(data, moved);
        // the same content elsewhere is the same data; --kimg 0.008 is reached already, so nothing trains
        Cli.ok("train", "--outdir", run.toString(), "--resume", "latest", "--data", moved.toString(), "--threads", "1");

        java.awt.image.BufferedImage other = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(other, "png", moved.resolve("img3.png").toFile());
        Cli.Result refused = Cli.run("train", "--outdir", run.toString(), "--resume", "latest", "--data", moved.toString(), "--threads", "1");
        assertEquals(1, refused.code());
        assertTrue(refused.err().startsWith("error: --data " + moved + ": its content hash ") && refused.err().contains("pass --allow-new-data"), refused.err());
        Cli.Result allowed = Cli.ok("train", "--outdir", run.toString(), "--resume", "latest", "--data", moved.toString(), "--allow-new-data", "--threads", "1");
        assertTrue(allowed.err().contains("warning: --data " + moved + ": its content hash"), allowed.err());
    }

    @Test
    void initStartsANewRunFromAModelsWeights(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Cli.ok(train(a, "--kimg", "0.008"));
        Path model = a.resolve("network-snapshot-000000.safetensors");
        Path b = tmp.resolve("b");
        Cli.Result r = Cli.ok("train", "--outdir", b.toString(), "--init", model.toString(), "--data", "builtin:16", "--batch", "8",
                "--kimg", "0.008", "--threads", "1");
        assertTrue(r.out().contains("init: G from network-snapshot-000000.safetensors G.*, G_ema from network-snapshot-000000.safetensors G_ema.*, D from its D.*"), r.out());
        assertArrayEquals(Files.readAllBytes(a.resolve("fakes000000.png")), Files.readAllBytes(b.resolve("fakes_init.png")),
                "the new run starts from the model's G_ema: its first grid is the model's last");
        assertTrue(io.stylegan4j.io.SafeTensors.read(b.resolve("network-snapshot-000000.safetensors")).metadata().get("training_options")
                .contains("\"init\":\"" + model + "\""), "the snapshot records where it started");

        Cli.Result shaping = Cli.run("train", "--outdir", tmp.resolve("c").toString(), "--init", model.toString(), "--cbase", "512");
        assertTrue(shaping.err().startsWith("error: --cbase 512: with --init the networks are"), shaping.err());
        Cli.Result both = Cli.run("train", "--outdir", a.toString(), "--init", model.toString(), "--resume", "latest");
        assertTrue(both.err().startsWith("error: --init starts a new run"), both.err());
    }
}
