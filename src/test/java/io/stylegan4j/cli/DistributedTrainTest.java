package io.stylegan4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.io.JsonLines;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.train.Checkpoint;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train across processes on c10d Gloo (loopback only): two processes of 4 images equal one process with rounds of 4,
 * a two-process run resumes bit-exactly, and bad input stops every rank with one error line.
 */
class DistributedTrainTest {
    /** cpu32 at 16 px with 16 channels: 4 steps of 8 images run in about a second; the lazy R1 phase runs at step 0. */
    private static final String[] TINY = {"train", "--data", "builtin:16", "--cbase", "128", "--cmax", "16", "--batch", "8",
            "--tick", "0.016", "--snap", "1", "--threads", "1"};

    private static String[] args(Path outdir, String... more) {
        List<String> a = new ArrayList<>(List.of(TINY));
        a.add("--outdir");
        a.add(outdir.toString());
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** Fixed augmentation (p 0.25), so its draws are part of what must line up between the runs. */
    private static final String[] AUG = {"--aug", "fixed", "--p", "0.25"};

    @TempDir
    static Path shared;
    private static Path twoProcesses;

    /**
     * 4 steps of batch 8 in 2 processes of 4, FID (fid1k, stand-in Inception) at both snapshots; made once, for both
     * tests that compare with it.
     */
    private static synchronized Path twoProcessRun() {
        if (twoProcesses == null) {
            Path dir = shared.resolve("two");
            Cli.ok(args(dir, concat(concat(AUG, fid()), "--kimg", "0.032", "--nproc", "2")));
            twoProcesses = dir;
        }
        return twoProcesses;
    }

    private static String[] fid() {
        return new String[] {"--metrics", "fid1k", "--detector", "inception=" + TestSupport.fixture("metrics").resolve("inception-standin.pt")};
    }

    /**
     * The test: 4 steps with batch 8 split 2 x 4 give the G, D, G_ema and Adam moments of one process with
     * rounds of 4 (the same minibatch-stddev groups and draws), to float32 reduction order: the gradients differ only by
     * (g1 + g2) / 2 computed as one sum against two accumulations of g / 2. One process on the whole batch (other
     * stddev groups, other draws) is far from both, so the tolerance is not what makes them agree. The snapshot's FID is
     * computed by both ranks, each generating every other batch of images (from seeds set by the batch's index), and
     * equals the one-process value.
     */
    @Test
    @SuppressWarnings("unchecked")
    void twoProcessesOfFourEqualOneProcessWithRoundsOfFour(@TempDir Path tmp) {
        Path two = twoProcessRun();
        Cli.ok(args(tmp.resolve("rounds"), concat(concat(AUG, fid()), "--kimg", "0.032", "--batch-gpu", "4")));
        Cli.ok(args(tmp.resolve("whole"), concat(AUG, "--kimg", "0.032")));
        Map<String, float[]> a = tensors(two), rounds = tensors(tmp.resolve("rounds")), whole = tensors(tmp.resolve("whole"));
        assertEquals(a.keySet(), rounds.keySet());
        double split = maxDiff(a, rounds), other = maxDiff(a, whole);
        System.out.printf("max relative |2x4 - 1x(4+4)| = %.3g, max |2x4 - 1x8| = %.3g%n", split, other);
        assertTrue(split < 1e-6, "2 processes vs 1 with rounds: " + split);
        assertTrue(other > 100 * split, "1 process on the whole batch should differ: " + other);
        assertEquals(4, state(two).batchIndex());
        Map<String, Object> fidTwo = JsonLines.read(two.resolve("metric-fid1k.jsonl")).get(1);
        Map<String, Object> fidRounds = JsonLines.read(tmp.resolve("rounds").resolve("metric-fid1k.jsonl")).get(1);
        assertEquals(2, fidTwo.get("num_gpus"));
        double f2 = ((Map<String, Double>) fidTwo.get("results")).get("fid1k"), f1 = ((Map<String, Double>) fidRounds.get("results")).get("fid1k");
        assertEquals(f1, f2, 1e-5 * f1, "FID of 2 processes (each half the images) vs 1");
    }

    /**
     * Stopped after 2 of 4 steps and resumed with 2 processes, the run ends bit for bit where the unbroken one does
     * (which also evaluated FID at its snapshots: metrics leave training as it was). Resumed instead by one process with
     * the same rounds (--batch-gpu 4), it ends there to float32 rounding: the snapshot holds the one generator state all
     * ranks share.
     */
    @Test
    void twoProcessRunResumesExactly(@TempDir Path tmp) throws Exception {
        Path straight = twoProcessRun();
        Cli.ok(args(tmp.resolve("stopped"), concat(AUG, "--kimg", "0.016", "--nproc", "2")));
        Path snap = snapshot(tmp.resolve("stopped")), copy = tmp.resolve("one").resolve(snap.getFileName());
        Files.createDirectories(copy.getParent());
        Files.copy(snap, copy);
        Cli.ok(args(tmp.resolve("stopped"), concat(AUG, "--kimg", "0.032", "--nproc", "2", "--resume", "latest")));
        Cli.ok(args(tmp.resolve("one"), concat(AUG, "--kimg", "0.032", "--batch-gpu", "4", "--resume", "latest")));
        Map<String, float[]> a = tensors(straight), b = tensors(tmp.resolve("stopped"));
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) assertArrayEquals(a.get(k), b.get(k), 0f, k);
        assertEquals(state(straight), state(tmp.resolve("stopped")));
        assertTrue(maxDiff(a, tensors(tmp.resolve("one"))) < 1e-6, "resumed by one process");
    }

    @Test
    void aWorldSizeThatDoesNotDivideTheBatchIsOneLineOnEveryRank(@TempDir Path tmp) {
        Cli.Result r = Cli.run(args(tmp.resolve("x"), "--kimg", "0.032", "--nproc", "3"));
        assertEquals(1, r.code());
        for (int rank = 0; rank < 3; rank++)
            assertTrue(r.err().contains("[rank " + rank + "] error: --batch 8 is not divisible by the world size 3"), r.err());
        assertTrue(r.err().contains("error: rank "), r.err());
    }

    @Test
    void anUnreachableMasterIsAnErrorAfterTheTimeout(@TempDir Path tmp) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // free once closed: nobody listens there
        }
        Cli.Result r = Cli.run(args(tmp.resolve("x"), "--kimg", "0.032", "--rank", "1", "--world-size", "2",
                "--master", "127.0.0.1:" + port, "--dist-timeout", "1"));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("error: rank 1 cannot reach the master at 127.0.0.1:" + port + " within 1 s"), r.err());
    }

    @Test
    void aPortInUseIsAnError(@TempDir Path tmp) throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result r = Cli.run(args(tmp.resolve("x"), "--kimg", "0.032", "--rank", "0", "--world-size", "2",
                    "--master", "127.0.0.1:" + s.getLocalPort(), "--dist-timeout", "2"));
            assertEquals(1, r.code());
            assertTrue(r.err().contains("error: rank 0 cannot listen on 127.0.0.1:" + s.getLocalPort()), r.err());
        }
    }

    /** Ranks started by hand with different seeds find out at the rendezvous: both stop, each naming the other. */
    @Test
    void ranksWithDifferentOptionsBothStop(@TempDir Path tmp) throws Exception {
        String store = "file:" + tmp.resolve("store");
        List<Process> ranks = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-Xmx1g", "-cp",
                    System.getProperty("java.class.path"), Main.class.getName()));
            cmd.addAll(List.of(args(tmp.resolve("x" + r), "--kimg", "0.032", "--rank", Integer.toString(r), "--world-size", "2",
                    "--master", store, "--seed", Integer.toString(r))));
            ranks.add(new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (int r = 0; r < 2; r++) {
            String err = new String(ranks.get(r).getErrorStream().readAllBytes());
            assertEquals(1, ranks.get(r).waitFor(), err);
            assertTrue(err.contains("error: rank " + r + ": the options or code of rank(s) " + (1 - r) + " differ"), err);
        }
    }

    private static Path snapshot(Path runDir) {
        return Checkpoint.latest(runDir);
    }

    private static Checkpoint.State state(Path runDir) {
        Path snap = snapshot(runDir);
        return Checkpoint.readHeader(snap, SafeTensors.read(snap)).state();
    }

    private static String[] concat(String[] a, String... b) {
        List<String> out = new ArrayList<>(List.of(a));
        out.addAll(List.of(b));
        return out.toArray(String[]::new);
    }

    /** Every float tensor of the run's last snapshot (networks, Adam moments, pl_mean), by name. */
    private static Map<String, float[]> tensors(Path runDir) {
        SafeTensors st = SafeTensors.read(snapshot(runDir));
        Map<String, float[]> out = new TreeMap<>();
        for (String n : st.names()) if (st.get(n).dtype().equals("F32")) out.put(n, st.get(n).toFloatArray());
        return out;
    }

    /**
     * The largest difference relative to the value's size (at least 1): the mapping layers store weights / lr_mul, ~100,
     * where one float32 ulp is 7.6e-6.
     */
    private static double maxDiff(Map<String, float[]> a, Map<String, float[]> b) {
        double m = 0;
        for (String k : a.keySet()) {
            float[] x = a.get(k), y = b.get(k);
            for (int i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]) / Math.max(1, Math.abs(x[i])));
        }
        return m;
    }
}
