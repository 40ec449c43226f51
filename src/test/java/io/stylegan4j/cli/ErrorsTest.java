package io.stylegan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends with exit code != 0 and one line: "error: ..." (1) or picocli's usage error (2). */
class ErrorsTest {
    @TempDir
    Path tmp;

    private Cli.Result fails(int code, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(code, r.code(), "exit code; stderr: " + r.err());
        assertTrue(r.out().isEmpty(), "nothing on stdout: " + r.out());
        return r;
    }

    private static void oneErrorLine(Cli.Result r, String contains) {
        String err = r.err().strip();
        assertTrue(err.startsWith("error: "), err);
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.contains(contains), err);
    }

    private String out() {
        return tmp.resolve("out").toString();
    }

    @Test
    void missingNetwork() {
        oneErrorLine(fails(1, "generate", "--network", tmp.resolve("nope.safetensors").toString(), "--seeds", "1", "--outdir", out()),
                "does not exist");
    }

    @Test
    void corruptNetwork() throws Exception {
        Path bad = tmp.resolve("bad.safetensors");
        Files.write(bad, new byte[] {1, 2, 3, 4});
        Cli.Result r = fails(1, "mix", "--network", bad.toString(), "--rows", "1", "--cols", "2", "--outdir", out());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertFalse(r.err().strip().contains("\n"), r.err());
    }

    @Test
    void backwardsAndOutOfRangeSeeds() {
        oneErrorLine(fails(1, "generate", "--network", Cli.model().toString(), "--seeds", "5-2", "--outdir", out()), "--seeds: range '5-2'");
        oneErrorLine(fails(1, "truncation", "--network", Cli.model().toString(), "--seeds", "4294967296", "--outdir", out()),
                "outside 0..4294967295");
        oneErrorLine(fails(1, "mix", "--network", Cli.model().toString(), "--rows", "1", "--cols", "x", "--outdir", out()), "--cols");
        oneErrorLine(fails(1, "interpolate", "--network", Cli.model().toString(), "--seeds", "3", "--outdir", out()), "at least two seeds");
    }

    @Test
    void psiThatIsNotANumberIsAUsageError() {
        Cli.Result r = fails(2, "generate", "--network", Cli.model().toString(), "--seeds", "1", "--trunc", "abc", "--outdir", out());
        assertTrue(r.err().contains("--trunc") && r.err().contains("abc"), r.err());
        r = fails(2, "truncation", "--network", Cli.model().toString(), "--seeds", "1", "--psi", "0.5,x", "--outdir", out());
        assertTrue(r.err().contains("--psi"), r.err());
        oneErrorLine(fails(1, "generate", "--network", Cli.model().toString(), "--seeds", "1", "--trunc", "NaN", "--outdir", out()),
                "finite");
    }

    @Test
    void badNoiseModeAndStyles() {
        Cli.Result r = fails(2, "generate", "--network", Cli.model().toString(), "--seeds", "1", "--noise-mode", "loud", "--outdir", out());
        assertTrue(r.err().contains("use const, random or none"), r.err());
        oneErrorLine(fails(1, "mix", "--network", Cli.model().toString(), "--rows", "1", "--cols", "2", "--styles", "0-8", "--outdir", out()),
                "num_ws 8");
        fails(2, "mix", "--network", Cli.model().toString(), "--rows", "1", "--cols", "2", "--styles", "0-3", "--preset", "fine",
                "--outdir", out());
    }

    @Test
    void outdirThatCannotBeCreatedOrWritten() throws Exception {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        oneErrorLine(fails(1, "generate", "--network", Cli.model().toString(), "--seeds", "1", "--outdir", file.resolve("sub").toString()),
                "--outdir");
        oneErrorLine(fails(1, "noise", "--network", Cli.model().toString(), "--seed", "1", "--outdir", file.toString()), "--outdir");
        Path ro = tmp.resolve("ro");
        Files.createDirectories(ro);
        if (ro.toFile().setWritable(false) && !Files.isWritable(ro)) { // root can write anywhere; then skip this part
            oneErrorLine(fails(1, "generate", "--network", Cli.model().toString(), "--seeds", "1", "--outdir", ro.toString()),
                    "not a writable folder");
            ro.toFile().setWritable(true);
        }
    }

    @Test
    void everyNewCommandHasHelp() {
        for (String c : new String[] {"generate", "mix", "noise", "truncation", "interpolate"}) {
            Cli.Result r = Cli.run(c, "--help");
            assertEquals(0, r.code(), c);
            assertTrue(r.out().contains("--network") && r.out().contains("--outdir"), c + ": " + r.out());
        }
        assertTrue(Cli.run("mix", "--help").out().contains("coarse = 0-3"));
        assertNotEquals(0, Cli.run("generate").code(), "required options");
    }
}
