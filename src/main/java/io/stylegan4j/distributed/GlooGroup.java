package io.stylegan4j.distributed;

import io.stylegan4j.ops.Tensors;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.AllreduceOptions;
import org.bytedeco.pytorch.BroadcastOptions;
import org.bytedeco.pytorch.FileStore;
import org.bytedeco.pytorch.GlooDeviceVector;
import org.bytedeco.pytorch.ProcessGroupGloo;
import org.bytedeco.pytorch.ReduceOp;
import org.bytedeco.pytorch.Store;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.TCPStoreOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.Work;
import org.bytedeco.pytorch.gloo.Device;
import org.bytedeco.pytorch.global.torch;

/**
 * A c10d process group on Gloo (libtorch's CPU collectives, the backend torch.distributed uses without GPUs): the
 * ranks meet in rank 0's TCPStore (or a FileStore on one machine), then every collective is Gloo's ring all-reduce or
 * broadcast over TCP. Every call is bounded by the world's timeout, and a peer that dies closes its sockets, so the others fail
 * within the timeout (in practice at once) with a message naming this rank instead of hanging.
 */
public final class GlooGroup implements Collective, AutoCloseable {
    private static final String FINGERPRINT_KEY = "stylegan4j/fingerprint/";
    /** How long the others wait for rank 0's snapshot work (metrics can take hours on CPU): a week. */
    private static final Milliseconds RANK0_WORK = new Milliseconds(java.time.Duration.ofDays(7).toMillis());

    private final World world;
    private final Store store;
    private final ProcessGroupGloo pg;
    private final Milliseconds timeout;

    private GlooGroup(World world, Store store, ProcessGroupGloo pg) {
        this.world = world;
        this.store = store;
        this.pg = pg;
        this.timeout = new Milliseconds(world.timeout().toMillis());
    }

    /**
     * Meets the other ranks at the master, checks that every rank runs the same code and options
     * ({@code fingerprint}, compared before any collective), and builds the Gloo group.
     */
    public static GlooGroup connect(World world, String fingerprint) {
        Store store = world.storeFile() != null ? openFileStore(world) : openStore(world);
        checkFingerprints(store, world, fingerprint);
        ProcessGroupGloo.Options opts = ProcessGroupGloo.Options.create(new Milliseconds(world.timeout().toMillis()));
        opts.devices(new GlooDeviceVector(device(world.storeFile() != null ? "127.0.0.1" : world.masterAddr())));
        opts.threads(1); // the ring is tiny against the training step; a second thread would only compete with libtorch's
        try {
            return new GlooGroup(world, store, new ProcessGroupGloo(store, world.rank(), world.size(), opts));
        } catch (RuntimeException e) {
            store.close();
            throw new IllegalStateException("rank " + world.rank() + " could not join the Gloo group at " + world.master() + ": "
                    + firstLine(e) + "; is another rank down?", e);
        }
    }

    /** Ranks on one machine meet in a file: nothing listens on the network but Gloo's own loopback pairs. */
    private static Store openFileStore(World world) {
        try {
            FileStore fs = new FileStore(world.storeFile().toString(), world.size());
            fs.setTimeout(new Milliseconds(world.timeout().toMillis()));
            return fs;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("rank " + world.rank() + " cannot use the store file " + world.storeFile() + " ("
                    + firstLine(e) + "); pass a writable path on a local disk", e);
        }
    }

    private static TCPStore openStore(World world) {
        TCPStoreOptions so = new TCPStoreOptions();
        so.port((short) world.masterPort()); // uint16 in C++: ports above 32767 wrap to the right bits
        so.isServer(world.rank() == 0);
        so.waitWorkers(false);
        so.useLibUV(false);
        so.timeout(new Milliseconds(world.timeout().toMillis()));
        try {
            return new TCPStore(world.masterAddr(), so);
        } catch (RuntimeException e) {
            if (world.rank() == 0)
                throw new IllegalArgumentException("rank 0 cannot listen on " + world.master() + " (" + firstLine(e)
                        + "); the port is probably in use: pick another with --master or MASTER_PORT", e);
            throw new IllegalArgumentException("rank " + world.rank() + " cannot reach the master at " + world.master() + " within "
                    + world.timeout().toSeconds() + " s (" + firstLine(e) + "); start rank 0 there, or check the address and firewall", e);
        }
    }

    /** Each rank publishes its fingerprint and reads everyone's, so every rank finds a mismatch and stops. */
    private static void checkFingerprints(Store store, World world, String mine) {
        store.set(FINGERPRINT_KEY + world.rank(), mine);
        List<String> differing = new ArrayList<>();
        for (int r = 0; r < world.size(); r++) {
            String theirs;
            try {
                theirs = store.get_to_str(FINGERPRINT_KEY + r);
            } catch (RuntimeException e) {
                throw new IllegalStateException("rank " + world.rank() + ": rank " + r + " did not check in at " + world.master()
                        + " within " + world.timeout().toSeconds() + " s (" + firstLine(e) + "); start all " + world.size() + " ranks", e);
            }
            if (!theirs.equals(mine)) differing.add(Integer.toString(r));
        }
        if (!differing.isEmpty())
            throw new IllegalArgumentException("rank " + world.rank() + ": the options or code of rank(s) " + String.join(", ", differing)
                    + " differ from this rank's (fingerprint " + mine.substring(0, 12) + "); start every rank with the same build and command line");
    }

    /** Gloo's TCP device bound where the master is reachable: loopback for a one-machine world, else this host's address. */
    private static Device device(String masterAddr) {
        try {
            if (InetAddress.getByName(masterAddr).isLoopbackAddress()) return ProcessGroupGloo.createDeviceForHostname("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("the master host '" + masterAddr + "' does not resolve: " + e.getMessage());
        }
        String iface = System.getenv("GLOO_SOCKET_IFNAME");
        return iface != null ? ProcessGroupGloo.createDeviceForInterface(iface) : ProcessGroupGloo.createDefaultDevice();
    }

    public World world() {
        return world;
    }

    @Override
    public void allReduceSum(List<Tensor> tensors) {
        allReduce(tensors, 1);
    }

    @Override
    public void allReduceMean(List<Tensor> tensors) {
        allReduce(tensors, world.size());
    }

    /** As one flat buffer per call: one ring all-reduce instead of one per tensor (Gloo's per-call latency dominates small tensors). */
    private void allReduce(List<Tensor> tensors, int divisor) {
        if (tensors.isEmpty()) return;
        Tensor flat = flatten(tensors);
        await(pg.allreduce(new TensorVector(flat), new AllreduceOptions().reduceOp(new ReduceOp(ReduceOp.RedOpType.SUM)).timeout(timeout)),
                "all-reduce");
        if (divisor != 1) flat.div_(new org.bytedeco.pytorch.Scalar((double) divisor));
        unflatten(flat, tensors);
    }

    @Override
    public void broadcast(List<Tensor> tensors) {
        broadcast(tensors, timeout);
    }

    @Override
    public void broadcastAfterRank0Work(List<Tensor> tensors) {
        broadcast(tensors, RANK0_WORK);
    }

    private void broadcast(List<Tensor> tensors, Milliseconds limit) {
        for (Tensor t : tensors) {
            boolean inPlace = t.is_contiguous();
            Tensor c = inPlace ? t : t.contiguous();
            await(pg.broadcast(new TensorVector(c), new BroadcastOptions().rootRank(0).timeout(limit)), "broadcast", limit);
            if (!inPlace) t.copy_(c);
        }
    }

    private void await(Work w, String what) {
        await(w, what, timeout);
    }

    /**
     * Waits for a collective, then destroys its Work at once. Left to the garbage collector, a Work can outlive the
     * process group, and destroying it then corrupts the native heap: a later malloc aborts with "corrupted double-linked
     * list" (a test that connects, all-reduces and closes a group thirty times in a row crashed within two rounds).
     */
    private void await(Work w, String what, Milliseconds limit) {
        try (w) {
            w._wait(limit);
        } catch (RuntimeException e) {
            throw new IllegalStateException("rank " + world.rank() + ": the " + what + " failed (" + firstLine(e) + "); another rank "
                    + "stopped or hung: see its error, then resume with --resume latest", e);
        }
    }

    /** The tensors, all of one dtype, as one contiguous 1-d tensor. */
    static Tensor flatten(List<Tensor> tensors) {
        if (tensors.size() == 1) return tensors.get(0).detach().reshape(new long[] {-1}).clone();
        TensorVector v = new TensorVector();
        for (Tensor t : tensors) v.push_back(t.detach().reshape(new long[] {-1}));
        return torch.cat(v);
    }

    static void unflatten(Tensor flat, List<Tensor> into) {
        long offset = 0;
        for (Tensor t : into) {
            long n = t.numel();
            t.detach().copy_(flat.narrow(0, offset, n).view(Tensors.shape(t)));
            offset += n;
        }
    }

    private static String firstLine(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        // libtorch prefixes its messages with the C++ source position; the reason is what the user needs
        String line = m.split("\n")[0];
        return line.replaceFirst("^\\[[^\\]]*\\]\\s*", "");
    }

    @Override
    public void close() {
        pg.close();
        store.close();
    }
}
