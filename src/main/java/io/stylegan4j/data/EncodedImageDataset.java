package io.stylegan4j.data;

import io.stylegan4j.io.Uint8Image;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A dataset of PNG/JPEG files (folder or zip). Opening checks every header, so a wrongly sized image stops the run
 * at the start with a fix, not hours later; pixels are decoded on demand.
 */
public abstract class EncodedImageDataset implements Dataset {
    private static final String RESIZE_HINT = "; make a square power-of-two dataset with: stylegan4j dataset --source DIR --dest out.zip --resolution R";

    private final ImageStore store;
    private final String kind;
    private final List<String> names;
    private final int resolution;
    private final int channels;
    private final int[] labels; // null without labels
    private final byte[] labelFile; // included in the identity hash
    private final int unreadable;
    private volatile String identity;

    EncodedImageDataset(ImageStore store, String kind) {
        this.store = store;
        this.kind = kind;
        try {
            this.names = store.imageNames();
            if (names.isEmpty()) {
                throw new DataException(store.location() + ": no .png/.jpg/.jpeg images found; point at a folder of images or a dataset zip");
            }
            ImageHeader[] headers = probe(store, names);
            ImageHeader first = null;
            int firstIndex = -1;
            int maxChannels = 1;
            int bad = 0;
            for (int i = 0; i < headers.length; i++) {
                ImageHeader h = headers[i];
                if (h == null) {
                    bad++;
                    continue;
                }
                if (first == null) {
                    first = h;
                    firstIndex = i;
                    if (h.width() != h.height()) {
                        throw new DataException(store.location() + ": " + names.get(i) + " is " + h.width() + "x" + h.height() + ", not square" + RESIZE_HINT);
                    }
                    if (h.width() < 4 || Integer.bitCount(h.width()) != 1) {
                        throw new DataException(store.location() + ": " + names.get(i) + " is " + h.width() + "x" + h.height()
                                + ", not a power of two >= 4" + RESIZE_HINT);
                    }
                } else if (h.width() != first.width() || h.height() != first.height()) {
                    throw new DataException(store.location() + ": " + names.get(i) + " is " + h.width() + "x" + h.height() + " but "
                            + names.get(firstIndex) + " is " + first.width() + "x" + first.height() + "; all images must share one size" + RESIZE_HINT);
                }
                maxChannels = Math.max(maxChannels, h.channels());
            }
            if (first == null) {
                throw new DataException(store.location() + ": none of the " + names.size() + " image files is readable; check the files");
            }
            if (bad > 0) {
                // Not fatal: the loader skips them with a warning each, but the user should know up front.
                System.err.println("warning: " + store.location() + ": " + bad + " of " + names.size() + " image files have unreadable headers and will be skipped");
            }
            this.unreadable = bad;
            this.resolution = first.width();
            this.channels = maxChannels;
            Optional<byte[]> json = store.datasetJson();
            this.labelFile = json.orElse(null);
            this.labels = json.flatMap(bytes -> DatasetJson.parse(bytes, store.location() + "/" + DatasetJson.FILE_NAME))
                    .map(map -> labelsInOrder(map, names, store.location()))
                    .orElse(null);
        } catch (IOException e) {
            store.close();
            throw new DataException(store.location() + ": cannot read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static ImageHeader[] probe(ImageStore store, List<String> names) {
        ImageHeader[] headers = new ImageHeader[names.size()];
        // Parallel: on a cold disk, tens of thousands of small reads dominate opening time.
        IntStream.range(0, names.size()).parallel().forEach(i -> {
            try (InputStream in = store.open(names.get(i))) {
                headers[i] = ImageHeader.read(new java.io.BufferedInputStream(in, 512), names.get(i));
            } catch (IOException | DataException e) {
                headers[i] = null;
            }
        });
        return headers;
    }

    private static int[] labelsInOrder(Map<String, Integer> map, List<String> names, String location) {
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            Integer label = map.get(names.get(i));
            if (label == null) {
                throw new DataException(location + "/" + DatasetJson.FILE_NAME + " has no label for " + names.get(i)
                        + "; add it, or set \"labels\": null to train unconditionally");
            }
            out[i] = label;
        }
        return out;
    }

    @Override
    public int size() {
        return names.size();
    }

    @Override
    public int resolution() {
        return resolution;
    }

    @Override
    public int channels() {
        return channels;
    }

    /** Relative path of image {@code i} inside the folder or zip. */
    public String name(int i) {
        return names.get(i);
    }

    /** Files whose header could not be read when the dataset was opened. */
    public int unreadableCount() {
        return unreadable;
    }

    @Override
    public byte[] image(int i) {
        String name = names.get(i);
        byte[] bytes;
        try {
            bytes = store.read(name);
        } catch (IOException e) {
            throw new DataException(store.location() + "/" + name + ": cannot read (" + e.getMessage() + ")", e);
        }
        String where = store.location() + "/" + name;
        ImageHeader header = ImageHeader.read(bytes, where);
        if (header.width() != resolution || header.height() != resolution) {
            throw new DataException(where + ": is " + header.width() + "x" + header.height() + " but the dataset is " + resolution + "x" + resolution + " (file changed?)");
        }
        Uint8Image img = ImageDecoding.decode(bytes, where, header);
        return img.withChannels(channels).pixels();
    }

    @Override
    public int label(int i) {
        java.util.Objects.checkIndex(i, names.size());
        return labels == null ? -1 : labels[i];
    }

    @Override
    public boolean hasLabels() {
        return labels != null;
    }

    /** SHA-256 over every image's relative name and bytes plus dataset.json; reads everything once, then cached. */
    @Override
    public String identity() {
        String id = identity;
        if (id == null) {
            synchronized (this) {
                if (identity == null) {
                    identity = computeIdentity();
                }
                id = identity;
            }
        }
        return id;
    }

    private String computeIdentity() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JVM without SHA-256", e);
        }
        for (String name : names) {
            update(sha, name);
            try {
                update(sha, store.read(name));
            } catch (IOException e) {
                throw new DataException(store.location() + "/" + name + ": cannot read for hashing (" + e.getMessage() + ")", e);
            }
        }
        if (labelFile != null) {
            update(sha, DatasetJson.FILE_NAME);
            update(sha, labelFile);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Length-prefixed, so ("ab","c") and ("a","bc") hash differently. */
    private static void update(MessageDigest sha, byte[] bytes) {
        long n = bytes.length;
        for (int s = 56; s >= 0; s -= 8) {
            sha.update((byte) (n >>> s));
        }
        sha.update(bytes);
    }

    private static void update(MessageDigest sha, String s) {
        update(sha, s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String description() {
        String labelText = labels == null ? "unlabeled" : "labeled, " + classCount() + " classes";
        return kind + " " + store.location() + ": " + size() + " images, " + channels + "x" + resolution + "x" + resolution + ", " + labelText;
    }

    @Override
    public void close() {
        store.close();
    }
}
