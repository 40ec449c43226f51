package io.stylegan4j.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir Path dir;

    @Test
    void builtinDefaultsAndResolution() {
        try (Dataset d = Datasets.open("builtin")) {
            assertInstanceOf(ProceduralDataset.class, d);
            assertEquals(32, d.resolution());
            assertEquals(10_000, d.size());
        }
        try (Dataset d = Datasets.open("builtin:64")) {
            assertEquals(64, d.resolution());
        }
        assertThrows(DataException.class, () -> Datasets.open("builtin:abc"));
        assertThrows(DataException.class, () -> Datasets.open("builtin:48"));
    }

    @Test
    void folderAndZipByPath() {
        TestImages.writePng(dir.resolve("imgs/a.png"), TestImages.gray(4, 4, 1));
        try (Dataset d = Datasets.open(dir.resolve("imgs").toString())) {
            assertInstanceOf(ImageFolderDataset.class, d);
        }
    }

    @Test
    void missingPathsAreOneLineErrors() {
        DataException e = assertThrows(DataException.class, () -> Datasets.open(dir.resolve("nope.zip").toString()));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        e = assertThrows(DataException.class, () -> Datasets.open(dir.resolve("nope").toString()));
        assertTrue(e.getMessage().contains("no such file or directory"), e.getMessage());
        assertThrows(DataException.class, () -> Datasets.open(" "));
        TestImages.write(dir.resolve("x.txt"), new byte[1]);
        e = assertThrows(DataException.class, () -> Datasets.open(dir.resolve("x.txt").toString()));
        assertTrue(e.getMessage().contains("not a directory or .zip"), e.getMessage());
    }
}
