package io.stylegan4j.distributed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where one process stands in a distributed run: its rank among {@code size} processes and where the ranks meet:
 * rank 0's TCP store at {@code masterAddr:masterPort}, or, on one machine, a shared file ({@code storeFile}, c10d's
 * FileStore, as torch.distributed's file:// init). The environment variables are torchrun's, so a run can be started by
 * any launcher that sets them (torchrun, Slurm scripts, Kubernetes operators).
 */
public record World(int rank, int size, String masterAddr, int masterPort, Path storeFile, Duration timeout) {
    /** The --master prefix naming a store file instead of a host. */
    public static final String FILE_PREFIX = "file:";

    public static final String RANK = "RANK", WORLD_SIZE = "WORLD_SIZE", MASTER_ADDR = "MASTER_ADDR", MASTER_PORT = "MASTER_PORT",
            LOCAL_RANK = "LOCAL_RANK";

    public World {
        if (size < 1) throw new IllegalArgumentException("the world size must be at least 1, got " + size);
        if (rank < 0 || rank >= size)
            throw new IllegalArgumentException("rank " + rank + " is outside the world of " + size + " processes (0 .. " + (size - 1) + ")");
        if (storeFile == null && (masterPort < 1 || masterPort > 65535))
            throw new IllegalArgumentException("the master port must be in 1 .. 65535, got " + masterPort);
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("--dist-timeout must be positive");
    }

    /** True when the environment names a rank (a launcher started this process). */
    public static boolean inEnvironment(Map<String, String> env) {
        return env.containsKey(RANK) && env.containsKey(WORLD_SIZE);
    }

    /**
     * Flags override the environment; each of rank, world size and master must come from one of them.
     * @param master "host:port", "file:PATH" (ranks on one machine), or null for MASTER_ADDR and MASTER_PORT
     */
    public static World resolve(Integer rank, Integer size, String master, Duration timeout, Map<String, String> env) {
        int r = rank != null ? rank : intVar(env, RANK, "--rank");
        int n = size != null ? size : intVar(env, WORLD_SIZE, "--world-size");
        String addr;
        int port;
        if (master != null && master.startsWith(FILE_PREFIX)) {
            return new World(r, n, "127.0.0.1", 0, Path.of(master.substring(FILE_PREFIX.length())), timeout);
        } else if (master != null) {
            int colon = master.lastIndexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("--master must be HOST:PORT, got '" + master + "'");
            addr = master.substring(0, colon);
            port = parsePort(master.substring(colon + 1), "--master " + master);
        } else {
            addr = env.get(MASTER_ADDR);
            if (addr == null) throw new IllegalArgumentException("no master: pass --master HOST:PORT or set " + MASTER_ADDR + " and " + MASTER_PORT);
            String p = env.get(MASTER_PORT);
            if (p == null) throw new IllegalArgumentException(MASTER_ADDR + " is set but " + MASTER_PORT + " is not");
            port = parsePort(p, MASTER_PORT + "=" + p);
        }
        return new World(r, n, addr, port, null, timeout);
    }

    /** The variables a launcher sets for rank {@code r} of this world (a store file goes by --master instead). */
    public Map<String, String> environment(int r) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(RANK, Integer.toString(r), LOCAL_RANK, Integer.toString(r),
                WORLD_SIZE, Integer.toString(size)));
        if (storeFile == null) {
            env.put(MASTER_ADDR, masterAddr);
            env.put(MASTER_PORT, Integer.toString(masterPort));
        }
        return env;
    }

    /** As --master takes it. */
    public String master() {
        return storeFile != null ? FILE_PREFIX + storeFile : masterAddr + ":" + masterPort;
    }

    private static int intVar(Map<String, String> env, String name, String flag) {
        String v = env.get(name);
        if (v == null) throw new IllegalArgumentException("pass " + flag + " or set " + name);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
        }
    }

    private static int parsePort(String s, String what) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": the port must be an integer");
        }
    }
}
