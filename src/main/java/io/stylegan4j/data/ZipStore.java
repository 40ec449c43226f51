package io.stylegan4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Image entries of a zip archive; {@link ZipFile} allows concurrent reads, which the parallel loader relies on. */
final class ZipStore implements ImageStore {
    private final Path path;
    private final ZipFile zip;
    private final List<String> names;

    ZipStore(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new DataException(path + ": no such file; pass a dataset .zip made by the 'dataset' command, a folder or 'builtin'");
        }
        this.path = path;
        try {
            this.zip = new ZipFile(path.toFile());
        } catch (IOException e) {
            throw new DataException(path + ": not a readable zip (" + e.getMessage() + "); recreate it with the 'dataset' command", e);
        }
        this.names = zip.stream()
                .filter(e -> !e.isDirectory())
                .map(ZipEntry::getName)
                .filter(ImageStore::isImageName)
                .sorted()
                .toList();
    }

    @Override
    public List<String> imageNames() {
        return names;
    }

    @Override
    public byte[] read(String name) throws IOException {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        }
    }

    @Override
    public InputStream open(String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IOException("entry " + name + " vanished from " + path);
        }
        return zip.getInputStream(entry);
    }

    @Override
    public Optional<byte[]> datasetJson() throws IOException {
        ZipEntry entry = zip.getEntry(DatasetJson.FILE_NAME);
        if (entry == null) {
            return Optional.empty();
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return Optional.of(in.readAllBytes());
        }
    }

    @Override
    public String location() {
        return path.toString();
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            // Closing a read-only zip cannot lose data; nothing useful to report.
        }
    }
}
