package io.stylegan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.data.ZipDataset;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command and the training-side commands, end to end through the CLI. */
class TrainCommandsTest {
    @Test
    void demoTrainsAndWritesTheThreePictures(@TempDir Path tmp) throws Exception {
        // From scratch (the fine-tune of the shipped model is DemoFineTuneTest's)
        Path out = tmp.resolve("demo");
        Cli.ok("demo", "--outdir", out.toString(), "--kimg", "0.064", "--init", "none");
        BufferedImage fakes = ImageIO.read(out.resolve("fakes/grid.png").toFile());
        assertEquals(8 * 32, fakes.getWidth(), "8 seeds per row");
        assertEquals(4 * 32, fakes.getHeight(), "one row per shape class");
        BufferedImage mix = ImageIO.read(out.resolve("mix/grid.png").toFile());
        assertEquals(7 * 32, mix.getWidth(), "6 column seeds and the row seeds");
        assertEquals(5 * 32, mix.getHeight(), "the column seeds and a row per shape class");
        assertTrue(Files.size(out.resolve("interpolate/interpolation.gif")) > 0);
        assertTrue(Files.size(out.resolve("interpolate/interpolation.mp4")) > 0);
        assertTrue(Files.exists(out.resolve("run/curves.png")) && Files.exists(out.resolve("run/stats.jsonl")));
        assertEquals(64, ModelFile.read(out.resolve("model.safetensors")).provenance().imagesSeen());
    }

    @Test
    void trainRejectsBadInputWithOneLine(@TempDir Path tmp) {
        Cli.Result r = Cli.run("train", "--outdir", tmp.toString(), "--data", tmp.resolve("missing").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: ") && r.err().strip().lines().count() == 1, r.err());
        Cli.Result r2 = Cli.run("train", "--outdir", tmp.toString(), "--cfg", "nope");
        assertEquals(1, r2.code());
        assertTrue(r2.err().contains("--cfg must be one of"), r2.err());
        Cli.Result r3 = Cli.run("train", "--outdir", tmp.resolve("empty").toString(), "--resume", "latest");
        assertEquals(1, r3.code());
        assertTrue(r3.err().contains("no snapshot"), r3.err());
        Cli.Result r4 = Cli.run("train", "--outdir", tmp.toString(), "--batch", "6");
        assertEquals(1, r4.code());
        assertTrue(r4.err().contains("multiple of the minibatch-stddev group size"), r4.err());
        assertFalse(Files.exists(tmp.resolve("stats.jsonl")), "no partial run directory content");
    }

    /** --aug ada end to end: p in every tick of stats.jsonl and on the progress line, the mode in the options. */
    @Test
    void adaptiveAugmentationTrainsAndReportsP(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("ada");
        Cli.Result r = Cli.ok("train", "--outdir", run.toString(), "--data", "builtin", "--aug", "ada", "--target", "0.6",
                "--cbase", "512", "--cmax", "32", "--batch", "8", "--kimg", "0.032", "--tick", "0.016", "--threads", "1");
        assertTrue(r.out().contains("augment 0."), "the progress line shows p");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var ticks = Files.readAllLines(run.resolve("stats.jsonl")).stream().map(l -> {
            try {
                return json.readTree(l);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertEquals(2, ticks.size());
        for (var t : ticks) {
            double p = t.get("Progress/augment").asDouble(), sign = t.get("Loss/signs/real").asDouble();
            assertTrue(p >= 0 && p <= 8 * 4 / 500_000.0 + 1e-9, "4 steps move p by at most 1 ADA step from 0: " + p);
            assertTrue(sign >= -1 && sign <= 1, "mean sign of D's real logits: " + sign);
        }
        assertEquals("ADA", json.readTree(run.resolve("training_options.json").toFile()).get("augment").get("mode").asText());
        // A resumed run keeps its augmentation: a contradicting --aug is refused before any work.
        Cli.Result c = Cli.run("train", "--outdir", run.toString(), "--resume", "latest", "--aug", "noaug", "--threads", "1");
        assertEquals(1, c.code());
        assertTrue(c.err().contains("--aug noaug conflicts with the snapshot's ada"), c.err());
    }

    /** --minutes without --kimg is a time budget: the preset's length (cpu32: 50 kimg) must not end the run first. */
    @Test
    void minutesWithoutKimgLetTheClockEndTheRun(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("clock");
        Cli.Result r = Cli.ok("train", "--outdir", run.toString(), "--data", "builtin", "--cbase", "512", "--cmax", "32",
                "--batch", "8", "--minutes", "0.05", "--tick", "0.008", "--threads", "1");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(1e6, json.readTree(run.resolve("training_options.json").toFile()).get("kimg").asDouble());
        assertTrue(r.out().contains(" s ("), "the bar counts seconds towards the deadline: " + r.out());
        assertTrue(Files.isRegularFile(run.resolve("network-snapshot-000000.safetensors")), "a final snapshot at the deadline");
        long ticks = Files.readAllLines(run.resolve("stats.jsonl")).size();
        assertTrue(ticks >= 1, "it trained until the clock ran out: " + ticks + " ticks");
    }

    @Test
    void augmentationFlagsFollowTheOfficialRules(@TempDir Path tmp) {
        String out = tmp.toString();
        String[][] bad = {
            {"--p", "0.3"}, {"--aug", "fixed"}, {"--aug", "fixed", "--p", "1.5"}, {"--aug", "ada", "--target", "2"},
            {"--aug", "fixed", "--p", "0.2", "--target", "0.5"}, {"--aug", "ada", "--augpipe", "bgcfnc"}, {"--aug", "sometimes"}};
        String[] want = {"--p can only be given with --aug fixed", "--aug fixed needs --p", "--p must be between 0 and 1",
            "--target must be between 0 and 1", "--target can only be given with --aug ada", "--augpipe must be one of",
            "--aug must be ada, noaug or fixed"};
        for (int i = 0; i < bad.length; i++) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", "--outdir", out, "--kimg", "0.001"));
            args.addAll(java.util.List.of(bad[i]));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(1, r.code(), String.join(" ", bad[i]));
            assertTrue(r.err().startsWith("error: ") && r.err().contains(want[i]), r.err());
        }
        assertFalse(Files.exists(tmp.resolve("stats.jsonl")), "no partial run directory content");
    }

    @Test
    void datasetBuildsAZipTheTrainerReads(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src);
        for (int i = 0; i < 3; i++) {
            BufferedImage img = new BufferedImage(40 + i, 30, BufferedImage.TYPE_INT_RGB);
            img.setRGB(5, 5, 0xff0000);
            ImageIO.write(img, "png", src.resolve("img" + i + ".png").toFile());
        }
        Cli.ok("dataset", "--source", src.toString(), "--dest", tmp.resolve("d.zip").toString(), "--resolution", "16",
                "--transform", "center-crop");
        try (ZipDataset z = new ZipDataset(tmp.resolve("d.zip"))) {
            assertEquals(3, z.size());
            assertEquals(16, z.resolution());
        }
        Cli.Result bad = Cli.run("dataset", "--source", src.toString(), "--dest", tmp.resolve("e.zip").toString(), "--resolution", "24");
        assertEquals(1, bad.code());
        assertFalse(Files.exists(tmp.resolve("e.zip")));
    }

    @Test
    void conditionalModelsTrainOnLabelsAndGenerateAClass(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Cli.ok("train", "--outdir", run.toString(), "--data", "builtin", "--cond", "--kimg", "0.064", "--threads", "1");
        Path snap = run.resolve("network-snapshot-000000.safetensors");
        int classes = ModelFile.read(snap).gConfig().cDim();
        assertTrue(classes > 1, "c_dim comes from the dataset's labels");
        assertEquals(classes * 32, ImageIO.read(run.resolve("fakes_init.png").toFile()).getHeight(), "one grid row per class");
        Cli.ok("generate", "--network", snap.toString(), "--outdir", tmp.resolve("g").toString(), "--seeds", "0-1", "--class", "1");
        assertTrue(Files.exists(tmp.resolve("g").resolve("seed0001.png")));

        Cli.Result noClass = Cli.run("generate", "--network", snap.toString(), "--outdir", tmp.resolve("h").toString(), "--seeds", "0");
        assertEquals(1, noClass.code());
        assertTrue(noClass.err().contains("pass --class 0.." + (classes - 1)), noClass.err());
        Cli.Result outOfRange = Cli.run("generate", "--network", snap.toString(), "--outdir", tmp.resolve("h").toString(), "--seeds", "0",
                "--class", String.valueOf(classes));
        assertEquals(1, outOfRange.code());
        Cli.Result unconditional = Cli.run("generate", "--network", Cli.model().toString(), "--outdir", tmp.resolve("h").toString(),
                "--seeds", "0", "--class", "0");
        assertEquals(1, unconditional.code());
        assertTrue(unconditional.err().contains("unconditional"), unconditional.err());

        Path unlabeled = tmp.resolve("unlabeled");
        Files.createDirectories(unlabeled);
        for (int i = 0; i < 2; i++) ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "png", unlabeled.resolve(i + ".png").toFile());
        Cli.Result noLabels = Cli.run("train", "--outdir", tmp.resolve("u").toString(), "--data", unlabeled.toString(), "--cond");
        assertEquals(1, noLabels.code());
        assertTrue(noLabels.err().contains("--cond needs a dataset with class labels"), noLabels.err());
    }
}
