package io.stylegan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parity} on a second folder of the fixture layout, made by the official code with other sizes (16 px, z 16,
 * w 24, 3 mapping layers, N 6), other architectures (orig G, skip D) and other minibatch-stddev arguments (D: group
 * 2 with 2 channels; the standalone op: group 3 with 2 channels); src/test/resources/fixtures/make_sg2_fixture.py.
 */
class ParityCommandTest {
    static final Path OTHER = Path.of("src/test/resources/fixtures/sg2-orig-skip-16");

    @Test
    void passesOnAnotherFolderOfTheLayout() {
        Cli.Result r = Cli.run("parity", OTHER.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("ops/mbstd_out ") && l.endsWith("ok")), r.out());
        // one check per D and per G parameter, from grads.safetensors: every second-order gradient is compared
        assertTrue(r.out().contains("r1_param_grad/b16.fromrgb.weight") && r.out().contains("pl_param_grad/synthesis.b16.conv1.noise_strength"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("parity: \\d+ passed, 0 failed .*")), r.out());
    }

    @Test
    void aMissingMbstdArgumentIsOneClearLine(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("fixture"));
        try (Stream<Path> files = Files.list(OTHER)) {
            for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, dir.resolve(f.getFileName()));
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode cfg = (ObjectNode) json.readTree(dir.resolve("config.json").toFile());
        ((ObjectNode) cfg.path("ops_args").path("mbstd")).remove("group_size");
        json.writeValue(dir.resolve("config.json").toFile(), cfg);

        Cli.Result r = Cli.run("parity", dir.toString(), "--threads", "1");
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("ops_args.mbstd.group_size is missing"), r.err());
        assertFalse(r.out().contains("parity:"), "no partial report: " + r.out());
    }
}
