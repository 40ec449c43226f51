package io.stylegan4j.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the detector files live. The official code downloads them from NVIDIA's CDN into its cache; here a user
 * supplies them: an explicit file per detector, else {@code <dir>/<official file name>} in the detector folder
 * (default {@code ~/.cache/stylegan4j/}). A missing file is one line naming the file, the folder and the URL.
 */
public record DetectorFiles(Path dir, Map<Kind, Path> explicit) {
    /** The two networks the official metrics load, with the names and URLs metric_main.py uses. */
    public enum Kind {
        INCEPTION("inception-2015-12-05.pt", "FID and KID"),
        VGG16("vgg16.pt", "precision/recall and PPL");

        public final String fileName, usedBy;

        Kind(String fileName, String usedBy) {
            this.fileName = fileName;
            this.usedBy = usedBy;
        }

        public String url() {
            return "https://nvlabs-fi-cdn.nvidia.com/stylegan2-ada-pytorch/pretrained/metrics/" + fileName;
        }
    }

    public DetectorFiles {
        explicit = Map.copyOf(explicit);
    }

    public static Path defaultDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "stylegan4j");
    }

    /** The default folder and no explicit files. */
    public static DetectorFiles defaults() {
        return new DetectorFiles(defaultDir(), Map.of());
    }

    /**
     * The file for {@code kind}, which must exist.
     *
     * @throws MetricException naming the file, where to put it and the official download URL
     */
    public Path resolve(Kind kind) {
        Path p = explicit.get(kind);
        if (p != null) {
            if (!Files.isRegularFile(p))
                throw new MetricException(p + ": no such detector file (" + kind.usedBy + " need " + kind.fileName
                        + ", downloadable from " + kind.url() + ")");
            return p;
        }
        Path f = (dir == null ? defaultDir() : dir).resolve(kind.fileName);
        if (!Files.isRegularFile(f))
            throw new MetricException(kind.usedBy + " need the detector " + kind.fileName + ": download " + kind.url()
                    + " and put it in " + f.getParent() + " (or pass --detector-dir DIR / --detector "
                    + kind.name().toLowerCase(java.util.Locale.ROOT) + "=FILE)");
        return f;
    }
}
