package io.stylegan4j.metrics;

import io.stylegan4j.data.Dataset;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.io.SafeTensorsException;
import io.stylegan4j.io.SafeTensorsWriter;
import io.stylegan4j.ops.Tensors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.pytorch.Tensor;

/**
 * Real-data features cached on disk per dataset and detector, as the official {@code gan-metrics/*.pkl}: the name
 * is {@code <dataset>-<detector>-<md5>.safetensors}, the md5 over the dataset's content hash, the detector file's
 * sha256, the call flags and the image count, so a changed dataset or detector never reuses stale features.
 * Written atomically; an unreadable cache file is recomputed, not trusted.
 */
final class RealStatsCache {
    private final Path dir;

    RealStatsCache(Path dir) {
        this.dir = dir;
    }

    Path fileFor(Dataset data, Detector det, Map<String, Boolean> flags, long n) {
        String tag = data.identity() + "|" + sha256(det.file()) + "|" + new TreeMap<>(flags) + "|" + n;
        String stem = det.file().getFileName().toString().replaceFirst("\\.pt$", "");
        return dir.resolve("dataset-" + data.identity().substring(0, Math.min(12, data.identity().length())) + "-" + stem + "-"
                + hex("MD5", tag.getBytes(StandardCharsets.UTF_8)) + ".safetensors");
    }

    FeatureStats load(Dataset data, Detector det, Map<String, Boolean> flags, long n) {
        Path f = fileFor(data, det, flags, n);
        if (!Files.isRegularFile(f)) return null;
        try {
            SafeTensors st = SafeTensors.read(f);
            long[] shape = st.get("features").shape();
            Tensor all = Tensors.fromFloats(st.get("features").toFloatArray(), shape);
            long d = shape[1];
            Tensor mean = Tensors.fromDoubles(st.get("raw_mean").toDoubleArray(), d);
            Tensor cov = Tensors.fromDoubles(st.get("raw_cov").toDoubleArray(), d, d);
            return FeatureStats.restored(all, mean, cov, shape[0]);
        } catch (SafeTensorsException | IllegalArgumentException e) {
            return null;
        }
    }

    void save(Dataset data, Detector det, Map<String, Boolean> flags, FeatureStats s) {
        Path f = fileFor(data, det, flags, s.numItems());
        Tensor all = s.all();
        SafeTensorsWriter w = SafeTensors.writer()
                .put("features", "F32", Tensors.shape(all), Tensors.toFloats(all))
                .put("raw_mean", "F64", Tensors.shape(s.rawMean()), Tensors.toDoubles(s.rawMean()))
                .put("raw_cov", "F64", Tensors.shape(s.rawCov()), Tensors.toDoubles(s.rawCov()))
                .metadata(Map.of("dataset", data.description(), "detector", det.file().toString(), "flags", flags.toString()));
        try {
            Files.createDirectories(dir);
            w.write(f);
        } catch (IOException | SafeTensorsException e) {
            System.err.println("warning: cannot cache real-data features in " + dir + " (" + e.getMessage() + "); continuing");
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) md.update(buf, 0, r);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new MetricException("cannot read " + file + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(String algo, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algo).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
