package io.stylegan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.data.MessyFolder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --data DIR} on a folder a user might have: mixed sizes, modes and broken files. */
class TrainMessyFolderTest {
    @Test
    void trainsWithOneWarningPerBrokenFile(@TempDir Path tmp) throws Exception {
        Path data = MessyFolder.write(tmp.resolve("photos"));
        Path run = tmp.resolve("run");
        Cli.Result r = Cli.ok("train", "--outdir", run.toString(), "--data", data.toString(), "--transform", "pad", "--cbase", "256", "--cmax", "16",
                "--batch", "8", "--kimg", "0.008", "--threads", "1");
        assertTrue(r.err().contains("training at 32x32, the most common size 48x48 (4 images) rounded down to a power of two, pad"), r.err());
        for (String bad : new String[] {"g-truncated.png", "h-garbage.png"})
            assertEquals(1, r.err().split(bad, -1).length - 1, "one warning for " + bad + ":\n" + r.err());
        ModelFile.Contents m = ModelFile.read(finalSnapshot(r));
        assertEquals(32, m.gConfig().imgResolution());

    }

    private static Path finalSnapshot(Cli.Result r) {
        String line = r.out().lines().filter(l -> l.startsWith("train: done; final snapshot ")).findFirst().orElseThrow();
        return Path.of(line.substring("train: done; final snapshot ".length()));
    }
}
