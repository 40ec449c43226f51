package io.stylegan4j.data;

import io.stylegan4j.io.AtomicFiles;
import io.stylegan4j.io.ImageFiles;
import io.stylegan4j.io.Uint8Image;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The {@code dataset} command: any folder of images to a training zip in NVlabs' dataset_tool layout
 * ({@code 00000/img00000000.png}, 1000 per folder, plus dataset.json), square, one power-of-two size, one channel
 * count. The zip appears only when complete.
 */
public final class DatasetTool {
    /** Images decoded and resized concurrently before being written in order; bounds memory on huge sources. */
    private static final int CHUNK = 256;

    private DatasetTool() {}

    public static DatasetToolResult run(DatasetToolOptions options) throws IOException {
        return run(options, done -> {});
    }

    /** Runs the conversion; {@code progress} receives the number of source files handled so far. */
    public static DatasetToolResult run(DatasetToolOptions options, IntConsumer progress) throws IOException {
        try (ImageStore store = openSource(options.source())) {
            List<String> all = store.imageNames();
            // the official --max-images: the first N in source order
            List<String> names = options.maxImages() != null && all.size() > options.maxImages() ? all.subList(0, options.maxImages()) : all;
            if (names.isEmpty()) {
                throw new DataException(store.location() + ": no .png/.jpg/.jpeg images found");
            }
            Map<String, Integer> sourceLabels = store.datasetJson()
                    .flatMap(json -> DatasetJson.parse(json, store.location() + "/" + DatasetJson.FILE_NAME))
                    .orElse(null);
            String[] headerErrors = new String[names.size()];
            ImageHeader[] headers = probe(store, names, headerErrors);
            int channels = 1;
            for (ImageHeader h : headers) {
                if (h != null) {
                    channels = Math.max(channels, h.channels());
                }
            }
            if (options.transform() == CropTransform.NONE) {
                // A non-square source without a crop is a usage error, not a damaged file: stop before writing.
                for (int i = 0; i < headers.length; i++) {
                    if (headers[i] != null && headers[i].width() != headers[i].height()) {
                        throw new DataException(store.location() + "/" + names.get(i) + " is " + headers[i].width() + "x" + headers[i].height()
                                + ", not square; use --transform center-crop or center-crop-wide");
                    }
                }
            }
            int outChannels = channels;
            AtomicInteger skipped = new AtomicInteger();
            Map<String, Integer> outLabels = new LinkedHashMap<>();
            boolean[] allLabeled = {sourceLabels != null};
            int[] written = {0};
            AtomicFiles.write(options.dest(), out -> {
                try (ZipOutputStream zip = new ZipOutputStream(out)) {
                    for (int from = 0; from < names.size(); from += CHUNK) {
                        int to = Math.min(names.size(), from + CHUNK);
                        byte[][] pngs = new byte[to - from][];
                        int base = from;
                        IntStream.range(from, to).parallel().forEach(i ->
                                pngs[i - base] = convert(store, names.get(i), headers[i], headerErrors[i], outChannels, options, skipped));
                        for (int i = from; i < to; i++) {
                            byte[] png = pngs[i - from];
                            if (png == null) {
                                continue;
                            }
                            String entry = entryName(written[0]);
                            putStored(zip, entry, png);
                            Integer label = sourceLabels == null ? null : sourceLabels.get(names.get(i));
                            if (label == null) {
                                allLabeled[0] = false;
                            } else {
                                outLabels.put(entry, label);
                            }
                            written[0]++;
                        }
                        progress.accept(to);
                    }
                    if (written[0] == 0) {
                        throw new DataException(store.location() + ": none of the " + names.size() + " image files could be read; nothing written");
                    }
                    if (sourceLabels != null && !allLabeled[0]) {
                        // As the official tool: labels are all or nothing, so a partial set trains unconditionally.
                        System.err.println("warning: " + store.location() + "/dataset.json lacks labels for some images; writing \"labels\": null");
                    }
                    putStored(zip, DatasetJson.FILE_NAME, DatasetJson.write(allLabeled[0] ? outLabels : null));
                }
            });
            return new DatasetToolResult(options.dest(), written[0], skipped.get(), outChannels, options.resolution(), allLabeled[0]);
        }
    }

    /** The official naming: index as 8 digits, folder = its first 5 digits, so 1000 images per folder. */
    static String entryName(int index) {
        String idx = String.format(Locale.ROOT, "%08d", index);
        return idx.substring(0, 5) + "/img" + idx + ".png";
    }

    private static ImageStore openSource(Path source) {
        if (Files.isRegularFile(source.resolve("data.mdb")) || source.toString().toLowerCase(Locale.ROOT).endsWith(".mdb")) {
            throw new DataException(source + ": LMDB sources (LSUN) are not supported: they need a native LMDB binding and a WebP decoder;"
                    + " export the images to a folder (e.g. with the official dataset_tool.py) and pass that");
        }
        java.util.Optional<ImageStore> raw = RawArrayStore.open(source);
        if (raw.isPresent()) {
            return raw.get();
        }
        if (Files.isDirectory(source)) {
            return new FolderStore(source);
        }
        if (source.getFileName() != null && source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip") && Files.isRegularFile(source)) {
            return new ZipStore(source);
        }
        throw new DataException(source + ": no such directory; --source must be a folder of images, a zip, MNIST IDX"
                + " (train-images-idx3-ubyte[.gz]) or CIFAR-10 binary batches (data_batch_N.bin or their folder)");
    }

    private static ImageHeader[] probe(ImageStore store, List<String> names, String[] errors) {
        ImageHeader[] headers = new ImageHeader[names.size()];
        IntStream.range(0, names.size()).parallel().forEach(i -> {
            try (InputStream in = store.open(names.get(i))) {
                headers[i] = ImageHeader.read(new java.io.BufferedInputStream(in, 512), store.location() + "/" + names.get(i));
            } catch (IOException | DataException e) {
                headers[i] = null; // reported once when the file is skipped during conversion
                errors[i] = e.getMessage();
            }
        });
        return headers;
    }

    /** One source file to PNG bytes, or null (with a warning) if it cannot be read. */
    private static byte[] convert(ImageStore store, String name, ImageHeader header, String headerError, int channels, DatasetToolOptions options, AtomicInteger skipped) {
        String where = store.location() + "/" + name;
        try {
            if (header == null) {
                throw new DataException(headerError);
            }
            byte[] bytes = store.read(name);
            Uint8Image img = ImageDecoding.decode(bytes, where, header).withChannels(channels);
            Uint8Image square = options.transform().apply(img, options.resolution(), where, options.filter());
            return ImageFiles.encodePng(square);
        } catch (DataException | IOException | UncheckedIOException e) {
            skipped.incrementAndGet();
            System.err.println("warning: skipping " + e.getMessage());
            return null;
        }
    }

    /** Stored, not deflated: PNG is already compressed, and the official tool writes ZIP_STORED too. */
    private static void putStored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        // A fixed time keeps the zip byte-identical across runs over the same images.
        entry.setTime(315532800000L + 86400000L);
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }
}
