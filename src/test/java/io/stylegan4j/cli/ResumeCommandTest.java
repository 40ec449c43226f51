package io.stylegan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --resume}: which snapshot, which flags, which data. */
class ResumeCommandTest {
    static final String[] TINY = {"--data", "builtin:16", "--cbase", "256", "--cmax", "16", "--batch", "8", "--threads", "1"};

    static String[] train(Path outdir, String... more) {
        String[] head = {"train", "--outdir", outdir.toString()};
        String[] out = Arrays.copyOf(head, head.length + TINY.length + more.length);
        System.arraycopy(TINY, 0, out, head.length, TINY.length);
        System.arraycopy(more, 0, out, head.length + TINY.length, more.length);
        return out;
    }

    @Test
    void latestSkipsCorruptAndTruncatedSnapshotsWithAWarningEach(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Cli.ok(train(run, "--kimg", "0.008"));
        Path good = run.resolve("network-snapshot-000000.safetensors");
        byte[] bytes = Files.readAllBytes(good);
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 100] ^= 0x01; // one bit of a tensor: the layout still parses, only the checksum sees it
        Files.write(run.resolve("network-snapshot-000001.safetensors"), flipped);
        Files.write(run.resolve("network-snapshot-000002.safetensors"), Arrays.copyOf(bytes, bytes.length / 2));

        Cli.Result r = Cli.ok("train", "--outdir", run.toString(), "--resume", "latest", "--kimg", "0.016", "--data", "builtin:16", "--threads", "1");
        assertTrue(r.err().contains("warning: skipping snapshot network-snapshot-000002.safetensors, it is not valid:")
                && r.err().contains("truncated"), r.err());
        assertTrue(r.err().contains("warning: skipping snapshot network-snapshot-000001.safetensors, it is not valid:")
                && r.err().contains("does not match the checksum"), r.err());
        assertTrue(r.out().contains("resumed from " + good), r.out());

        Files.write(good, flipped);
        Files.delete(run.resolve("network-snapshot-000001.safetensors"));
        Files.delete(run.resolve("network-snapshot-000002.safetensors"));
        Cli.Result none = Cli.run("train", "--outdir", run.toString(), "--resume", "latest", "--threads", "1");
        assertEquals(1, none.code());
        assertTrue(none.err().lines().reduce((a, b) -> b).orElse("").startsWith("error: --resume latest: no valid snapshot in"), none.err());
    }
}
