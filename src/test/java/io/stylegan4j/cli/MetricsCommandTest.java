package io.stylegan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylegan4j.TestSupport;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics: the official JSON line and jsonl file, folders against each other, and one error line per kind of bad input. */
class MetricsCommandTest {
    @TempDir
    Path tmp;

    private static final Path FX = TestSupport.fixture("metrics");
    private static final String INCEPTION = FX.resolve("inception-standin.pt").toString();
    private static final String VGG = "vgg16=" + FX.resolve("vgg16-standin.pt");
    private static final String ZIP = FX.resolve("dataset.zip").toString();

    @Test
    void networkMetricsPrintAndAppendTheOfficialRecord() throws Exception {
        Cli.Result r = Cli.ok("metrics", "--network", Cli.model().toString(), "--data", ZIP, "--metrics", "fid50k_full,pr50k3_full,ppl2_wend",
                "--num", "64", "--detector", INCEPTION, "--detector", VGG, "--run-dir", tmp.toString(), "--no-cache", "--threads", "1");
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(3, lines.size(), r.out());
        JsonNode fid = new ObjectMapper().readTree(lines.get(0));
        for (String k : List.of("results", "metric", "total_time", "total_time_str", "num_gpus", "snapshot_pkl", "timestamp"))
            assertTrue(fid.has(k), k + " missing in " + lines.get(0));
        assertEquals("fid50k_full", fid.get("metric").asText());
        // 64 blobs from a random G against 512 digits: far apart, finite
        assertTrue(fid.get("results").get("fid50k_full").asDouble() > 1, lines.get(0));
        JsonNode pr = new ObjectMapper().readTree(lines.get(1)).get("results");
        assertTrue(pr.has("pr50k3_full_precision") && pr.has("pr50k3_full_recall"), lines.get(1));
        assertTrue(new ObjectMapper().readTree(lines.get(2)).get("results").get("ppl2_wend").asDouble() > 0, lines.get(2));
        assertEquals(lines.get(0), Files.readString(tmp.resolve("metric-fid50k_full.jsonl")).strip());
        assertTrue(r.err().contains("img/s"), "progress with a rate on stderr: " + r.err());
    }

    @Test
    void aFolderAgainstItselfHasFidZero() throws Exception {
        Cli.Result r = Cli.ok("metrics", "--real", ZIP, "--fake", ZIP, "--metrics", "fid,kid,pr", "--detector", INCEPTION, "--detector", VGG,
                "--no-cache", "--threads", "1");
        List<String> lines = r.out().strip().lines().toList();
        ObjectMapper json = new ObjectMapper();
        double fid = json.readTree(lines.get(0)).get("results").get("fid").asDouble();
        assertTrue(Math.abs(fid) < 1e-9, "FID of a set against itself: " + fid);
        assertTrue(Math.abs(json.readTree(lines.get(1)).get("results").get("kid").asDouble()) < 1e-2, lines.get(1));
        JsonNode pr = json.readTree(lines.get(2)).get("results");
        assertEquals(1.0, pr.get("pr_precision").asDouble(), lines.get(2));
        assertEquals(1.0, pr.get("pr_recall").asDouble(), lines.get(2));
    }

    @Test
    void unknownMetricName() {
        oneErrorLine(fails("metrics", "--network", Cli.model().toString(), "--data", ZIP, "--metrics", "fid50k_full,fdi50k"),
                "unknown metric 'fdi50k'");
    }

    @Test
    void missingDetectorNamesFileFolderAndUrl() {
        Path dir = tmp.resolve("detectors");
        String err = oneErrorLine(fails("metrics", "--network", Cli.model().toString(), "--data", ZIP, "--metrics", "fid50k_full",
                "--detector-dir", dir.toString(), "--run-dir", tmp.toString(), "--no-cache"), "inception-2015-12-05.pt");
        assertTrue(err.contains(dir.toString()) && err.contains("https://nvlabs-fi-cdn.nvidia.com/stylegan2-ada-pytorch/pretrained/metrics/"), err);
        assertNoMetricFiles();
    }

    @Test
    void wrongDetectorFile() throws Exception {
        Path bad = tmp.resolve("inception-2015-12-05.pt");
        Files.writeString(bad, "not a TorchScript archive");
        oneErrorLine(fails("metrics", "--network", Cli.model().toString(), "--data", ZIP, "--metrics", "fid50k_full", "--detector", bad.toString(),
                "--run-dir", tmp.toString(), "--no-cache"), "is not a TorchScript detector");
        assertNoMetricFiles();
    }

    @Test
    void datasetOfAnotherResolutionOrChannelCount() throws Exception {
        oneErrorLine(fails("metrics", "--network", Cli.model().toString(), "--data", "builtin:64", "--metrics", "fid50k_full",
                "--detector", INCEPTION, "--no-cache"), "the dataset is 3x64x64 but the generator makes 3x32x32 images");
        Path gray = tmp.resolve("gray");
        Files.createDirectories(gray);
        for (int i = 0; i < 2; i++) ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY), "png", gray.resolve(i + ".png").toFile());
        oneErrorLine(fails("metrics", "--network", Cli.model().toString(), "--data", gray.toString(), "--metrics", "fid50k_full",
                "--detector", INCEPTION, "--no-cache"), "the dataset is 1x32x32 but the generator makes 3x32x32 images");
    }

    @Test
    void numLargerThanTheDatasetForAFullMetric() {
        oneErrorLine(fails("metrics", "--network", Cli.model().toString(), "--data", ZIP, "--metrics", "kid50k_full", "--num", "600",
                "--detector", INCEPTION, "--run-dir", tmp.toString(), "--no-cache"), "holds 512 images, but --num asks for 600");
        assertNoMetricFiles();
    }

    private void assertNoMetricFiles() {
        try (Stream<Path> s = Files.list(tmp)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith("metric-")), "a metric file was written");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Cli.Result fails(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(1, r.code(), "exit code; stderr: " + r.err());
        assertTrue(r.out().isEmpty(), "nothing on stdout: " + r.out());
        return r;
    }

    private static String oneErrorLine(Cli.Result r, String contains) {
        String err = r.err().strip();
        assertTrue(err.startsWith("error: "), err);
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.contains(contains), err);
        return err;
    }
}
