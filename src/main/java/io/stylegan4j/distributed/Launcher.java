package io.stylegan4j.distributed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code --nproc N} on one machine: starts N child JVMs (same java, JVM flags, class path and arguments, minus
 * --nproc) with the rank environment, and supervises them. Every rank, rank 0 included, is a child: the launcher
 * stays a plain supervisor that loads no native code, so a rank that crashes (even natively) can always be reported
 * and the others stopped. Rank 0's output is passed through; the other ranks' stdout (their copy of the progress
 * bar) is dropped and their stderr shown with a "[rank R]" prefix. When a rank fails the rest are stopped, and the
 * launcher exits non-zero naming it.
 */
public final class Launcher {
    private static final long GRACE_SECONDS = 10;

    private Launcher() {}

    /**
     * @param args the command line as given ({@code train ... --nproc N ...}); @param master "host:port" for a TCP
     *     store, or null: the ranks meet in a store file in a fresh temporary folder; @return the exit status: 0 when
     *     every rank succeeded
     */
    public static int launch(int nproc, List<String> args, String mainClass, String master, PrintStream out, PrintStream err) {
        if (nproc < 1) throw new IllegalArgumentException("--nproc must be at least 1, got " + nproc);
        Path dir = null;
        try {
            if (master == null) dir = Files.createTempDirectory("stylegan4j-rendezvous");
            World world = World.resolve(0, nproc, master != null ? master : World.FILE_PREFIX + dir.resolve("store"), Duration.ofSeconds(1), Map.of());
            return launch(world, master == null ? append(args, "--master", world.master()) : args, mainClass, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the rendezvous folder: " + e.getMessage(), e);
        } finally {
            if (dir != null) deleteQuietly(dir);
        }
    }

    private static int launch(World world, List<String> args, String mainClass, PrintStream out, PrintStream err) {
        int nproc = world.size();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        // The JVM's flags (heap, system properties), except a debugger agent: N ranks cannot all listen on its port.
        for (String f : ManagementFactory.getRuntimeMXBean().getInputArguments())
            if (!f.startsWith("-agentlib:jdwp") && !f.startsWith("-Xrunjdwp")) command.add(f);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(withoutNproc(args));

        List<Process> ranks = new ArrayList<>();
        List<Thread> pumps = new ArrayList<>();
        Thread hook = new Thread(() -> ranks.forEach(Process::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (int r = 0; r < nproc; r++) {
                ProcessBuilder pb = new ProcessBuilder(command);
                pb.environment().putAll(world.environment(r));
                // On a terminal rank 0 gets it (its progress bar redraws in place); otherwise its output is relayed.
                boolean terminal = r == 0 && System.console() != null;
                if (r > 0) pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
                if (terminal) pb.redirectInput(ProcessBuilder.Redirect.INHERIT).redirectOutput(ProcessBuilder.Redirect.INHERIT);
                Process p = pb.start();
                ranks.add(p);
                if (r == 0 && !terminal) pumps.add(pump(p.getInputStream(), out, ""));
                pumps.add(pump(p.getErrorStream(), err, "[rank " + r + "] "));
            }
            int status = supervise(ranks, err);
            for (Thread t : pumps) t.join(TimeUnit.SECONDS.toMillis(GRACE_SECONDS));
            return status;
        } catch (IOException e) {
            ranks.forEach(Process::destroyForcibly);
            throw new UncheckedIOException("cannot start a rank: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            ranks.forEach(Process::destroyForcibly);
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down: the hook is running
            }
        }
    }

    /**
     * Waits until all ranks succeed or one fails; then stops the rest (SIGTERM, then SIGKILL after a grace period).
     * The rank named is the first to exit non-zero, in the order the exits happened: a rank whose peer died fails too,
     * a moment later, and must not be blamed.
     */
    private static int supervise(List<Process> ranks, PrintStream err) throws InterruptedException {
        BlockingQueue<Integer> exits = new LinkedBlockingQueue<>();
        for (int r = 0; r < ranks.size(); r++) {
            int rank = r;
            ranks.get(r).onExit().thenRun(() -> exits.add(rank));
        }
        for (int done = 0; done < ranks.size(); done++) {
            int r = exits.take();
            Process p = ranks.get(r);
            if (p.exitValue() == 0) continue;
            // The others usually fail on their own at once (same bad input, or a collective with a dead peer):
            // a moment lets each print its own error before the stragglers are stopped.
            for (Process q : ranks) q.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
            for (Process q : ranks) if (q.isAlive()) q.destroy();
            for (Process q : ranks) if (!q.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) q.destroyForcibly();
            for (Process q : ranks) q.waitFor();
            err.println("error: rank " + r + " exited with status " + p.exitValue() + "; stopped the other " + (ranks.size() - 1)
                    + " rank(s). Fix the cause above, then continue with --resume latest");
            return 1;
        }
        return 0;
    }

    private static Thread pump(InputStream in, PrintStream to, String prefix) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) to.println(prefix + line);
            } catch (IOException ignored) {
                // the rank exited: its stream closed
            }
        }, "rank-output" + prefix);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The arguments a rank gets: the launcher's own, without --nproc (a rank is one process). */
    static List<String> withoutNproc(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--nproc")) i++;
            else if (!a.startsWith("--nproc=")) out.add(a);
        }
        return out;
    }

    private static List<String> append(List<String> args, String... more) {
        List<String> out = new ArrayList<>(args);
        out.addAll(List.of(more));
        return out;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the OS cleans it eventually
        }
    }
}
