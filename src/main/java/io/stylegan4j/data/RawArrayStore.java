package io.stylegan4j.data;

import io.stylegan4j.io.ImageFiles;
import io.stylegan4j.io.Uint8Image;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * Datasets shipped as raw pixel arrays with labels, as the official dataset_tool opens them: MNIST's IDX files
 * ({@code train-images-idx3-ubyte[.gz]} beside {@code train-labels-idx1-ubyte[.gz]}; 28x28 digits padded with 2 black
 * pixels per side to 32x32) and CIFAR-10's binary batches (a {@code data_batch_N.bin}, or the folder
 * {@code cifar-10-batches-bin} whose data_batch_1..5 are read in order; records of 1 label byte + 3x32x32 pixels,
 * planar RGB). Each image is served as a PNG so the rest of the dataset tool is shared; labels go to dataset.json.
 */
final class RawArrayStore implements ImageStore {
    private final String location;
    private final int channels, side;
    private final byte[][] pixels;
    private final int[] labels;

    private RawArrayStore(String location, int channels, int side, byte[][] pixels, int[] labels) {
        this.location = location;
        this.channels = channels;
        this.side = side;
        this.pixels = pixels;
        this.labels = labels;
    }

    /** An MNIST or CIFAR-10 source, or empty when {@code source} is neither. */
    static Optional<ImageStore> open(Path source) {
        String name = source.getFileName() == null ? "" : source.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (Files.isRegularFile(source) && name.contains("-images-idx3-ubyte")) return Optional.of(mnist(source));
            if (Files.isRegularFile(source) && name.matches("(data|test)_batch(_\\d+)?\\.bin")) return Optional.of(cifar(List.of(source), source.toString()));
            if (Files.isDirectory(source) && Files.isRegularFile(source.resolve("data_batch_1.bin"))) {
                List<Path> batches = new ArrayList<>();
                for (int i = 1; Files.isRegularFile(source.resolve("data_batch_" + i + ".bin")); i++) batches.add(source.resolve("data_batch_" + i + ".bin"));
                return Optional.of(cifar(batches, source.toString()));
            }
        } catch (IOException e) {
            throw new DataException(source + ": cannot read (" + e.getMessage() + ")");
        }
        return Optional.empty();
    }

    private static byte[] readMaybeGzip(Path p) throws IOException {
        try (InputStream raw = Files.newInputStream(p);
             InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return in.readAllBytes();
        }
    }

    private static int u32(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static RawArrayStore mnist(Path images) throws IOException {
        String labelsName = images.getFileName().toString().replace("-images-idx3-ubyte", "-labels-idx1-ubyte");
        Path labelsPath = images.resolveSibling(labelsName);
        if (!Files.isRegularFile(labelsPath))
            throw new DataException(images + ": the labels file " + labelsPath.getFileName() + " is missing beside it");
        byte[] img = readMaybeGzip(images), lab = readMaybeGzip(labelsPath);
        if (img.length < 16 || u32(img, 0) != 0x803 || lab.length < 8 || u32(lab, 0) != 0x801)
            throw new DataException(images + ": not an MNIST IDX pair (magic numbers 0x803 and 0x801 expected)");
        int n = u32(img, 4), rows = u32(img, 8), cols = u32(img, 12);
        if (rows != 28 || cols != 28 || n < 0 || (long) n * 784 + 16 != img.length || u32(lab, 4) != n || lab.length != n + 8)
            throw new DataException(images + ": the IDX header (" + n + " images of " + rows + "x" + cols + ") does not match the file sizes");
        byte[][] px = new byte[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            byte[] padded = new byte[32 * 32]; // the official tool pads 28x28 to 32x32 with zeros
            for (int y = 0; y < 28; y++) System.arraycopy(img, 16 + i * 784 + y * 28, padded, (y + 2) * 32 + 2, 28);
            px[i] = padded;
            labels[i] = lab[8 + i] & 0xff;
        }
        return new RawArrayStore(images.toString(), 1, 32, px, labels);
    }

    private static RawArrayStore cifar(List<Path> batches, String location) throws IOException {
        List<byte[]> px = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path b : batches) {
            byte[] d = Files.readAllBytes(b);
            if (d.length == 0 || d.length % 3073 != 0)
                throw new DataException(b + ": " + d.length + " bytes is not a whole number of CIFAR-10 records (1 + 3072 bytes)");
            for (int at = 0; at < d.length; at += 3073) {
                int label = d[at] & 0xff;
                if (label > 9) throw new DataException(b + ": label " + label + " at byte " + at + "; CIFAR-10 labels are 0..9");
                labels.add(label);
                px.add(java.util.Arrays.copyOfRange(d, at + 1, at + 3073)); // planar R, G, B planes, as Uint8Image holds them
            }
        }
        return new RawArrayStore(location, 3, 32, px.toArray(new byte[0][]), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public List<String> imageNames() {
        return IntStream.range(0, pixels.length).mapToObj(RawArrayStore::name).toList();
    }

    private static String name(int i) {
        return String.format(Locale.ROOT, "img%08d.png", i);
    }

    private int index(String name) {
        return Integer.parseInt(name.substring(3, 11));
    }

    @Override
    public byte[] read(String name) throws IOException {
        return ImageFiles.encodePng(new Uint8Image(channels, side, side, pixels[index(name)]));
    }

    @Override
    public InputStream open(String name) throws IOException {
        return new ByteArrayInputStream(read(name));
    }

    /** The labels in the official dataset.json layout, keyed by the names this store serves. */
    @Override
    public Optional<byte[]> datasetJson() {
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) byName.put(name(i), labels[i]);
        return Optional.of(DatasetJson.write(byName));
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public void close() {}
}
