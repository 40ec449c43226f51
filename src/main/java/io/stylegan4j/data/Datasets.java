package io.stylegan4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Turns the user's {@code --data} argument into a dataset. */
public final class Datasets {
    public static final String BUILTIN = "builtin";

    private Datasets() {}

    /**
     * {@code builtin} or {@code builtin:64} -> {@link ProceduralDataset}; a directory -> {@link ImageFolderDataset};
     * a {@code .zip} file -> {@link ZipDataset}.
     */
    public static Dataset open(String spec) {
        return open(spec, ImageFit.NATIVE);
    }

    /** As {@link #open(String)}; a folder or zip is fitted as {@code fit} says (the built-in shapes ignore it). */
    public static Dataset open(String spec, ImageFit fit) {
        if (spec == null || spec.isBlank()) {
            throw new DataException("no dataset given; pass a folder of images, a dataset .zip, or 'builtin' / 'builtin:64'");
        }
        String s = spec.trim();
        if (s.equals(BUILTIN) || s.startsWith(BUILTIN + ":")) {
            return builtin(s);
        }
        Path path = Path.of(s);
        if (Files.isDirectory(path)) {
            return new ImageFolderDataset(path, fit);
        }
        if (s.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            if (!Files.exists(path)) {
                throw new DataException(s + ": no such file; check the path, or make a zip with the 'dataset' command");
            }
            return new ZipDataset(path, fit);
        }
        if (!Files.exists(path)) {
            throw new DataException(s + ": no such file or directory; pass a folder of images, a dataset .zip, or 'builtin'");
        }
        throw new DataException(s + ": not a directory or .zip; pass a folder of images, a dataset .zip, or 'builtin'");
    }

    private static Dataset builtin(String s) {
        if (s.equals(BUILTIN)) {
            return new ProceduralDataset();
        }
        String res = s.substring(BUILTIN.length() + 1);
        try {
            return new ProceduralDataset(Integer.parseInt(res));
        } catch (NumberFormatException e) {
            throw new DataException("'" + s + "': the builtin resolution must be a number, e.g. builtin:32 or builtin:64");
        } catch (IllegalArgumentException e) {
            throw new DataException("'" + s + "': " + e.getMessage());
        }
    }
}
