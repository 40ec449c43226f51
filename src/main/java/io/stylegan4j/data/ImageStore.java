package io.stylegan4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** Where encoded image files live (a folder or a zip); the dataset logic on top is shared. */
interface ImageStore extends AutoCloseable {
    /** Image files as sorted relative paths with forward slashes, so order is the same on every OS. */
    List<String> imageNames();

    byte[] read(String name) throws IOException;

    /** A stream for reading just the header. */
    InputStream open(String name) throws IOException;

    /** Bytes of {@code dataset.json} at the root, if present. */
    Optional<byte[]> datasetJson() throws IOException;

    /** Path shown in messages. */
    String location();

    @Override
    void close();

    /** The file types the datasets accept, matched case-insensitively; hidden files (editor/OS litter) are ignored. */
    static boolean isImageName(String relativePath) {
        String lower = relativePath.toLowerCase(java.util.Locale.ROOT);
        if (!(lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg"))) {
            return false;
        }
        for (String part : relativePath.split("/")) {
            if (part.startsWith(".") || part.equals("__MACOSX")) {
                return false;
            }
        }
        return true;
    }
}
