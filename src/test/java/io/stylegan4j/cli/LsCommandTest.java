package io.stylegan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.io.JsonLines;
import io.stylegan4j.metrics.ls.AttributeClassifier;
import io.stylegan4j.metrics.ls.ClassifierConfig;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.GeneratorConfig;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-classifier then ls, end to end on 8 px, and their bad input: one line, exit 1, nothing written. */
class LsCommandTest {
    @TempDir
    Path tmp;

    /** An untrained 8 px generator with 8-d latents, saved in a folder that looks like a training run. */
    private Path tinyNetwork() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(run.resolve("training_options.json"), "{}");
        torch.manual_seed(1);
        Generator g = new Generator(GeneratorConfig.of(8, 3).withLatent(8, 8).withMappingLayers(2).withChannels(64, 8), TestSupport.cpu());
        Path f = run.resolve("network-snapshot-000000.safetensors");
        ModelFile.write(f, g, null, null, ModelFile.Provenance.now("builtin:8", "x", 0, Map.of()));
        return f;
    }

    @Test
    void trainsClassifiersThenMeasures() throws Exception {
        Path clf = tmp.resolve("clf");
        Cli.Result t = Cli.ok("train-classifier", "--data", "builtin:8", "--outdir", clf.toString(), "--attributes", "gradient,hue",
                "--kimg", "0.064", "--threads", "1");
        assertTrue(t.out().contains("gradient   held-out accuracy"), t.out());
        assertTrue(Files.isRegularFile(clf.resolve("classifier-gradient.safetensors")));
        assertTrue(Files.isRegularFile(clf.resolve("classifier-hue.safetensors")));
        List<Map<String, Object>> stats = JsonLines.read(clf.resolve("stats.jsonl"));
        assertEquals(2, stats.stream().filter(r -> r.containsKey("held_out_accuracy")).count());
        assertTrue(stats.stream().anyMatch(r -> r.containsKey("Loss/hue")));
        BufferedImage curves = ImageIO.read(clf.resolve("curves.png").toFile());
        assertTrue(curves.getWidth() > 0);

        Path net = tinyNetwork();
        Cli.Result r = Cli.ok("ls", "--network", net.toString(), "--classifiers", clf.toString(), "--num", "40", "--batch", "20", "--threads", "1");
        assertTrue(r.out().contains("ls: 40 images, the most confident 20 kept per attribute"), r.out());
        assertTrue(r.out().contains("separable"), r.out());
        List<Map<String, Object>> lines = JsonLines.read(net.resolveSibling("metric-ls.jsonl"));
        assertEquals(1, lines.size());
        Map<String, Object> line = lines.get(0);
        assertEquals("ls", line.get("metric"));
        assertEquals("network-snapshot-000000.safetensors", line.get("snapshot_pkl"));
        assertEquals(1, line.get("num_gpus"));
        @SuppressWarnings("unchecked")
        Map<String, Object> results = (Map<String, Object>) line.get("results");
        double z = ((Number) results.get("ls_z")).doubleValue(), w = ((Number) results.get("ls_w")).doubleValue();
        // two attributes, each adding a factor in [1, 2]
        assertTrue(z >= 1 && z <= 4 && w >= 1 && w <= 4, results.toString());
        assertTrue(r.out().contains(String.format("ls: z %.4f, w %.4f", z, w)), r.out());

        // 8-d latents: the kept half must exceed 9 points; refused before any work, nothing appended
        oneErrorLine(Cli.run("ls", "--network", net.toString(), "--classifiers", clf.toString(), "--num", "19"), "use --num 20 or more");
        assertEquals(1, JsonLines.read(net.resolveSibling("metric-ls.jsonl")).size());
    }

    private static void oneErrorLine(Cli.Result r, String contains) {
        assertEquals(1, r.code(), "exit code; stderr: " + r.err());
        String err = r.err().strip();
        assertTrue(err.startsWith("error: "), err);
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.contains(contains), err);
        assertTrue(r.out().isEmpty(), "nothing on stdout: " + r.out());
    }

    /** Two untrained 8 px classifiers, saved as train-classifier saves them (the numbers need not mean anything here). */
    private Path tinyClassifiers() {
        return tinyClassifiers("tiny-clf", List.of("a", "b"));
    }

    private Path tinyClassifiers(String folder, List<String> names) {
        Path dir = tmp.resolve(folder);
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (String name : names) {
            torch.manual_seed(name.hashCode());
            ClassifierConfig cfg = ClassifierConfig.of(8, 3).withChannels(32, 8);
            try (AttributeClassifier c = new AttributeClassifier(name, "test", new Discriminator(cfg.discriminator(), TestSupport.cpu()), null)) {
                c.save(dir.resolve(AttributeClassifier.fileName(name)), ModelFile.Provenance.now("builtin:8", "x", 0, Map.of()));
            }
        }
        return dir;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> results(Map<String, Object> line) {
        return (Map<String, Object>) line.get("results");
    }

    @Test
    void theMetricsCommandComputesLsAsTheLsCommandDoes() throws Exception {
        Path net = tinyNetwork(), clf = tinyClassifiers();
        Cli.ok("ls", "--network", net.toString(), "--classifiers", clf.toString(), "--num", "40", "--threads", "1");
        Cli.Result r = Cli.ok("metrics", "--network", net.toString(), "--metrics", "ls", "--classifiers", clf.toString(), "--num", "40",
                "--threads", "1");
        List<Map<String, Object>> lines = JsonLines.read(net.resolveSibling("metric-ls.jsonl"));
        assertEquals(2, lines.size(), "ls, then metrics ls, appended to the run's metric-ls.jsonl");
        Map<String, Object> viaLs = lines.get(0), viaMetrics = lines.get(1);
        assertEquals(List.of("results", "metric", "total_time", "total_time_str", "num_gpus", "snapshot_pkl", "timestamp"),
                List.copyOf(viaMetrics.keySet()), "the official record's fields, in order");
        assertEquals("ls", viaMetrics.get("metric"));
        assertEquals("network-snapshot-000000.safetensors", viaMetrics.get("snapshot_pkl"));
        assertEquals(results(viaLs), results(viaMetrics), "same seed, count and batch: the same ls_z and ls_w");
        assertTrue(r.out().contains("\"ls_z\""), r.out());

        // no classifiers, no such folder, too few samples: one line, nothing appended
        oneErrorLine(Cli.run("metrics", "--network", net.toString(), "--metrics", "ls", "--num", "40"), "--classifiers DIR");
        oneErrorLine(Cli.run("metrics", "--network", net.toString(), "--metrics", "ls", "--classifiers", tmp.resolve("none").toString()),
                "no such folder");
        oneErrorLine(Cli.run("metrics", "--network", net.toString(), "--metrics", "ls", "--classifiers", clf.toString(), "--num", "19"),
                "use --num 20 or more");
        assertEquals(2, JsonLines.read(net.resolveSibling("metric-ls.jsonl")).size());
    }

    /** kinds10k on a conditional 8 px G of the shapes' four classes: shares that average 1, accuracies in [0, 1]; bad input is one line. */
    @Test
    void kindsOfTheBuiltInShapes() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("cond"));
        Files.writeString(run.resolve("training_options.json"), "{}");
        torch.manual_seed(2);
        Generator g = new Generator(GeneratorConfig.of(8, 3).withLatent(8, 8).withMappingLayers(2).withChannels(64, 8).withCDim(4), TestSupport.cpu());
        Path net = run.resolve("network-snapshot-000000.safetensors");
        ModelFile.write(net, g, null, null, ModelFile.Provenance.now("builtin:8", "x", 0, Map.of()));
        Path kinds = tinyClassifiers("kinds", List.of("circle", "square", "triangle", "star"));
        Cli.Result r = Cli.ok("metrics", "--network", net.toString(), "--data", "builtin:8", "--metrics", "kinds10k", "--classifiers",
                kinds.toString(), "--num", "40", "--threads", "1");
        Map<String, Object> res = results(JsonLines.read(run.resolve("metric-kinds10k.jsonl")).get(0));
        double sum = 0;
        for (String k : List.of("circle", "square", "triangle", "star")) sum += ((Number) res.get("kinds10k_" + k)).doubleValue();
        assertEquals(4.0, sum, 1e-9, res.toString());
        for (String k : List.of("kinds10k_acc", "kinds10k_real_acc")) {
            double a = ((Number) res.get(k)).doubleValue();
            assertTrue(a >= 0 && a <= 1, k + " " + a);
        }
        assertTrue(r.out().contains("\"kinds10k_acc\""), r.out());

        // no kind classifiers among them, no classifiers at all: one line each, nothing appended
        oneErrorLine(Cli.run("metrics", "--network", net.toString(), "--data", "builtin:8", "--metrics", "kinds10k", "--classifiers",
                tinyClassifiers().toString(), "--num", "40"), "'circle' is not among [a, b]");
        oneErrorLine(Cli.run("metrics", "--network", net.toString(), "--data", "builtin:8", "--metrics", "kinds10k", "--num", "40"),
                "--classifiers DIR");
        assertEquals(1, JsonLines.read(run.resolve("metric-kinds10k.jsonl")).size());
    }

    @Test
    void badInput() throws Exception {
        Path net = tinyNetwork();
        oneErrorLine(Cli.run("ls", "--network", net.toString(), "--classifiers", tmp.resolve("none").toString()), "no such folder");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        oneErrorLine(Cli.run("ls", "--network", net.toString(), "--classifiers", empty.toString()), "no classifier-*.safetensors");
        assertFalse(Files.exists(net.resolveSibling("metric-ls.jsonl")), "nothing written");

        // an unlabelled folder of images
        Path images = Files.createDirectories(tmp.resolve("images"));
        for (int i = 0; i < 3; i++) ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", images.resolve(i + ".png").toFile());
        Path out = tmp.resolve("clf");
        oneErrorLine(Cli.run("train-classifier", "--data", images.toString(), "--outdir", out.toString()), "has no labels");
        assertFalse(Files.exists(out), "no output folder");
        oneErrorLine(Cli.run("train-classifier", "--data", "builtin:8", "--outdir", out.toString(), "--attributes", "colour"), "unknown attribute");
    }
}
