package io.stylegan4j.io;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the project's shared/ folder, which sits beside the module (a clean clone in CI). */
public final class SharedDir {
    private SharedDir() {
    }

    public static Path fixture(String first, String... more) {
        Path shared = Paths.get("..", "shared").toAbsolutePath().normalize();
        if (!Files.isDirectory(shared)) {
            fail("shared folder " + shared + " is missing; tests expect ../shared beside the project root");
        }
        Path p = shared.resolve(Paths.get("fixtures", first)).resolve(Paths.get("", more));
        if (!Files.exists(p)) {
            fail("fixture " + p + " is missing; restore shared/fixtures");
        }
        return p;
    }
}
