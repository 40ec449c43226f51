package io.stylegan4j;

import io.stylegan4j.ops.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.Device;

/** Shared test setup: the natives, the CPU device, and the ../shared folder CI places beside the clone. */
public final class TestSupport {
    private TestSupport() {}

    public static Device cpu() {
        Engine.init();
        return Engine.device("cpu");
    }

    public static Path shared() {
        Path p = Path.of("..", "shared").toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("fixtures")))
            throw new IllegalStateException("the shared fixtures are missing: expected " + p + "/fixtures beside the repository");
        return p;
    }

    public static Path fixture(String name) {
        return shared().resolve("fixtures").resolve(name);
    }
}
