package io.stylegan4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Image files anywhere below a directory. */
final class FolderStore implements ImageStore {
    private final Path root;
    private final List<String> names;

    FolderStore(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DataException(root + ": no such directory; pass a folder of images, a dataset .zip or 'builtin'");
        }
        this.root = root;
        try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            this.names = walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(ImageStore::isImageName)
                    .sorted()
                    .collect(Collectors.toUnmodifiableList());
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(root + ": cannot list the folder (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public List<String> imageNames() {
        return names;
    }

    @Override
    public byte[] read(String name) throws IOException {
        return Files.readAllBytes(root.resolve(name));
    }

    @Override
    public InputStream open(String name) throws IOException {
        return Files.newInputStream(root.resolve(name));
    }

    @Override
    public Optional<byte[]> datasetJson() throws IOException {
        Path json = root.resolve(DatasetJson.FILE_NAME);
        return Files.isRegularFile(json) ? Optional.of(Files.readAllBytes(json)) : Optional.empty();
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public void close() {}
}
