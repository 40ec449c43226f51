package io.stylegan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command taking --network opens the ecosystem's checkpoints directly; bad files fail with one line. */
class InteropCliTest {
    static final Path DIR = TestSupport.fixture("interop");
    static final String PKL = DIR.resolve("sg2ada-skip-resnet-32.pkl").toString();
    static final String TF = DIR.resolve("tf-stylegan2-32.pkl").toString();
    static final String ROSINALITY = DIR.resolve("rosinality-train-16.pt").toString();

    @TempDir
    Path tmp;

    private Path generate(String network, String name, String... extra) {
        Path out = tmp.resolve(name);
        String[] args = {"generate", "--network", network, "--seeds", "0-1", "--noise-mode", "const", "--outdir", out.toString(), "--threads", "1"};
        String[] all = Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        Cli.ok(all);
        return out;
    }

    /** Largest difference of any 8-bit channel between two PNGs of the same size. */
    private static int maxChannelDiff(Path a, Path b) {
        BufferedImage x = Cli.read(a), y = Cli.read(b);
        int[] p = Cli.pixels(x), q = Cli.pixels(y);
        assertEquals(p.length, q.length);
        int worst = 0;
        for (int i = 0; i < p.length; i++)
            for (int s = 0; s < 24; s += 8) worst = Math.max(worst, Math.abs(((p[i] >> s) & 255) - ((q[i] >> s) & 255)));
        return worst;
    }

    @Test
    void generateFromBothPicklesMatchesTheNativeModel() {
        Path ref = generate(Cli.model().toString(), "native");
        for (String net : new String[] {PKL, TF}) {
            Path got = generate(net, Path.of(net).getFileName().toString());
            for (String png : new String[] {"seed0000.png", "seed0001.png"})
                assertTrue(maxChannelDiff(ref.resolve(png), got.resolve(png)) <= 1, net + " " + png + " differs from the native model's");
        }
    }

    @Test
    void whichGPicksTheTrainingCopy() {
        Path ema = generate(PKL, "ema"), g = generate(PKL, "g", "--which", "G"), tfG = generate(TF, "tfg", "--which", "G");
        assertTrue(maxChannelDiff(ema.resolve("seed0000.png"), g.resolve("seed0000.png")) > 2, "G and G_ema differ on purpose in the fixture");
        assertTrue(maxChannelDiff(g.resolve("seed0000.png"), tfG.resolve("seed0000.png")) <= 1, "the TF pickle's G is the same training copy");
    }

    @Test
    void convertWritesANativeFileThatSaysWhereItCameFrom() {
        for (String net : new String[] {PKL, TF, ROSINALITY}) {
            Path dest = tmp.resolve(Path.of(net).getFileName() + ".safetensors");
            Cli.Result r = Cli.ok("convert", "--source", net, "--dest", dest.toString(), "--threads", "1");
            assertTrue(r.out().contains("convert: wrote"), r.out());
            String info = Cli.ok("info", "--network", dest.toString(), "--threads", "1").out();
            assertTrue(info.contains("imported_from") && info.contains(Path.of(net).getFileName().toString()), info);
            assertTrue(info.contains("source_sha256"), info);
            Path direct = generate(net, "direct-" + Path.of(net).getFileName()), converted = generate(dest.toString(), "conv-" + Path.of(net).getFileName());
            assertEquals(0, maxChannelDiff(direct.resolve("seed0001.png"), converted.resolve("seed0001.png")), net);
            Path directG = generate(net, "directG-" + Path.of(net).getFileName(), "--which", "G");
            Path convertedG = generate(dest.toString(), "convG-" + Path.of(net).getFileName(), "--which", "G");
            assertEquals(0, maxChannelDiff(directG.resolve("seed0001.png"), convertedG.resolve("seed0001.png")), net + " --which G");
        }
    }

    @Test
    void infoShowsAForeignFileBeforeLoadingIt() {
        String pkl = Cli.ok("info", "--network", PKL, "--threads", "1").out();
        assertTrue(pkl.contains("format: NVlabs network pickle") && pkl.contains("\"channel_base\" : 1024") && pkl.contains("augment_p: 0.125"), pkl);
        assertTrue(pkl.contains("37391 characters of embedded Python source (not executed)"), pkl);
        String tf = Cli.ok("info", "--network", TF, "--threads", "1").out();
        assertTrue(tf.contains("format: TF1 StyleGAN2 pickle") && tf.contains("\"fmap_base\" : 512"), tf);
        String ros = Cli.ok("info", "--network", ROSINALITY, "--threads", "1").out();
        // rosinality's 51 g tensors (38,390 values) and 22 d tensors (45,217) less their 4 blur kernels each (4x4 values),
        // which our layers hold as a constant
        assertTrue(ros.contains("format: rosinality") && ros.contains("G_ema: 38,326 values in 47 tensors"), ros);
        assertTrue(ros.contains("D: 45,153 values in 18 tensors") && ros.contains("\"4\" : 24"), ros);
    }

    private Cli.Result fails(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(1, r.code(), "exit code; stderr: " + r.err());
        String err = r.err().strip();
        assertTrue(err.startsWith("error: "), err);
        assertFalse(err.contains("\n"), "one line: " + err);
        return r;
    }

    private String generateFails(Path network, String expected) {
        Path out = tmp.resolve("out-" + network.getFileName());
        String err = fails("generate", "--network", network.toString(), "--seeds", "0", "--outdir", out.toString()).err();
        assertTrue(err.contains(expected), err);
        assertFalse(Files.exists(out.resolve("seed0000.png")), "no partial output");
        return err;
    }

    private Path resource(String name) throws Exception {
        Path p = tmp.resolve(name);
        try (var in = getClass().getResourceAsStream("/interop/" + name)) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    private Path truncated(String fixture, int keep) throws Exception {
        Path p = tmp.resolve("truncated-" + fixture);
        Files.write(p, Arrays.copyOf(Files.readAllBytes(DIR.resolve(fixture)), keep));
        return p;
    }

    @Test
    void aPickleNamingOsSystemIsRefusedWithoutRunningIt() throws Exception {
        Path marker = Path.of("/tmp/stylegan4j-pwned.txt");
        Files.deleteIfExists(marker);
        generateFails(resource("os-system.pkl"), "os.system, which is not on the allowlist");
        assertFalse(Files.exists(marker), "the pickle's command ran");
    }

    @Test
    void badInputIsOneLineEach() throws Exception {
        generateFails(truncated("sg2ada-skip-resnet-32.pkl", 600_000), "truncated");
        generateFails(truncated("tf-stylegan2-32.pkl", 1000), "truncated");
        generateFails(truncated("rosinality-train-16.pt", 700_000), "not a readable zip");
        generateFails(resource("not-a-network.pkl"), "not a network");
        generateFails(resource("not-a-network.pt"), "not a rosinality checkpoint");
        generateFails(resource("rosinality-missing-keys.pt"), "missing 'input.input'");
        Path unknown = tmp.resolve("unknown-class.pkl"); // protocol 2: GLOBAL training.networks Generator, EMPTY_TUPLE, NEWOBJ
        Files.write(unknown, new byte[] {(byte) 0x80, 2, 'c', 't', 'r', 'a', 'i', 'n', 'i', 'n', 'g', '.', 'n', 'e', 't', 'w', 'o', 'r', 'k', 's',
                '\n', 'G', 'e', 'n', 'e', 'r', 'a', 't', 'o', 'r', '\n', ')', (byte) 0x81, '.'});
        generateFails(unknown, "training.networks.Generator, which is not on the allowlist");
        fails("convert", "--source", resource("os-system.pkl").toString(), "--dest", tmp.resolve("x.safetensors").toString());
        assertFalse(Files.exists(tmp.resolve("x.safetensors")));
    }
}
