package io.stylegan4j.data;

import io.stylegan4j.io.Uint8Image;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * A dataset of PNG/JPEG files (folder or zip). Opening reads every header; pixels are decoded on demand. Files of one
 * square power-of-two size are used as they are; any other mix (sizes, aspect ratios, gray and colour) is fitted to
 * R x R by an {@link ImageFit} with the {@code dataset} command's resampler, and each fitted image is kept, so the
 * decode and resize are paid once.
 */
public abstract class EncodedImageDataset implements Dataset {
    private final ImageStore store;
    private final String kind;
    private final List<String> names;
    private final int resolution;
    private final int channels;
    private final int[] labels; // null without labels
    private final byte[] labelFile; // included in the identity hash
    private final int unreadable;
    private final CropTransform crop; // null when the files are used at their own size
    private final AtomicReferenceArray<byte[]> fitted; // decoded and cropped images; null when not fitting or too large
    private volatile String identity;

    EncodedImageDataset(ImageStore store, String kind, ImageFit fit) {
        this.store = store;
        this.kind = kind;
        try {
            this.names = store.imageNames();
            if (names.isEmpty()) {
                throw new DataException(store.location() + ": no .png/.jpg/.jpeg images found; point at a folder of images or a dataset zip");
            }
            ImageHeader[] headers = probe(store, names);
            int maxChannels = 1;
            int bad = 0;
            for (ImageHeader h : headers) {
                if (h == null) {
                    bad++;
                } else {
                    maxChannels = Math.max(maxChannels, h.channels());
                }
            }
            if (bad == headers.length) {
                throw new DataException(store.location() + ": none of the " + names.size() + " image files is readable; check the files");
            }
            if (bad > 0) {
                // Not fatal: the loader skips them with a warning each, but the user should know up front.
                System.err.println("warning: " + store.location() + ": " + bad + " of " + names.size() + " image files have unreadable headers and will be skipped");
            }
            this.unreadable = bad;
            this.channels = maxChannels;
            int uniform = uniformSide(headers);
            if (fit.equals(ImageFit.NATIVE) && uniform > 0) {
                this.resolution = uniform;
                this.crop = null;
                this.fitted = null;
            } else {
                this.crop = fit.crop();
                this.resolution = fit.resolution() > 0 ? fit.resolution() : commonSide(headers, crop, store.location());
                long bytes = (long) names.size() * channels * resolution * resolution;
                // Fitted images are kept, so each file is decoded and resized once; unless they would crowd the heap.
                this.fitted = bytes <= Runtime.getRuntime().maxMemory() / 4 ? new AtomicReferenceArray<>(names.size()) : null;
                if (fitted == null)
                    System.err.println("note: " + store.location() + ": " + bytes / (1 << 20) + " MB of fitted images would crowd the heap; "
                            + "each is decoded and resized when used (the dataset command makes a zip at the training size once)");
            }
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

    /** The side when every readable image is the same square power of two >= 4, else 0. */
    private static int uniformSide(ImageHeader[] headers) {
        int side = -1;
        for (ImageHeader h : headers) {
            if (h == null) continue;
            if (h.width() != h.height() || (side >= 0 && h.width() != side)) return 0;
            side = h.width();
        }
        return side >= 4 && Integer.bitCount(side) == 1 ? side : 0;
    }

    /**
     * The most common image size (ties: the larger), the side of it the crop keeps, rounded down to a power of two;
     * printed, since the user did not choose it.
     */
    private static int commonSide(ImageHeader[] headers, CropTransform crop, String location) {
        Map<List<Integer>, Integer> counts = new HashMap<>();
        for (ImageHeader h : headers)
            if (h != null) counts.merge(List.of(h.width(), h.height()), 1, Integer::sum);
        List<Integer> size = counts.entrySet().stream().max(Comparator.<Map.Entry<List<Integer>, Integer>>comparingInt(Map.Entry::getValue)
                .thenComparingInt(e -> e.getKey().get(0) * e.getKey().get(1))).orElseThrow().getKey();
        int kept = crop.keptSide(size.get(0), size.get(1));
        if (kept < 4)
            throw new DataException(location + ": the most common image size is " + size.get(0) + "x" + size.get(1) + ", smaller than 4 pixels; pass --resolution");
        int side = Integer.highestOneBit(kept);
        System.err.printf("data: %s: images of %d sizes; training at %dx%d, the most common size %dx%d (%d images) rounded down to a power of two, "
                + "%s (choose with --resolution R and --transform)%n", location, counts.size(), side, side, size.get(0), size.get(1),
                counts.get(size), crop.cliName());
        return side;
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
        byte[] cached = fitted == null ? null : fitted.get(i);
        if (cached != null) return cached.clone(); // the loader flips in place
        String name = names.get(i);
        byte[] bytes;
        try {
            bytes = store.read(name);
        } catch (IOException e) {
            throw new DataException(store.location() + "/" + name + ": cannot read (" + e.getMessage() + ")", e);
        }
        String where = store.location() + "/" + name;
        ImageHeader header = ImageHeader.read(bytes, where);
        if (crop == null) {
            if (header.width() != resolution || header.height() != resolution) {
                throw new DataException(where + ": is " + header.width() + "x" + header.height() + " but the dataset is " + resolution + "x" + resolution + " (file changed?)");
            }
            return ImageDecoding.decode(bytes, where, header).withChannels(channels).pixels();
        }
        Uint8Image img = ImageDecoding.decode(bytes, where, header).withChannels(channels);
        boolean asIs = img.width() == resolution && img.height() == resolution && crop != CropTransform.CENTER_CROP_WIDE;
        byte[] out = (asIs ? img : crop.apply(img, resolution, where)).pixels();
        if (fitted != null) fitted.set(i, out);
        return out.clone();
    }

    @Override
    public String fit() {
        return crop == null ? null : crop.cliName();
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
        if (crop != null) {
            update(sha, "fit " + resolution + " " + crop.cliName()); // the same files fitted otherwise are other training data
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
        String fit = crop == null ? "" : ", fitted (" + crop.cliName() + ")";
        return kind + " " + store.location() + ": " + size() + " images, " + channels + "x" + resolution + "x" + resolution + fit + ", " + labelText;
    }

    @Override
    public void close() {
        store.close();
    }
}
