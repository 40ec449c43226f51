package io.stylegan4j.cli;

import io.stylegan4j.distributed.Collective;
import io.stylegan4j.distributed.Fingerprint;
import io.stylegan4j.distributed.GlooGroup;
import io.stylegan4j.distributed.Launcher;
import io.stylegan4j.distributed.World;
import io.stylegan4j.metrics.Shard;
import io.stylegan4j.train.Adam;
import io.stylegan4j.train.BatchSplit;
import io.stylegan4j.train.StyleGan2Loss;
import io.stylegan4j.train.TrainingLoop;
import io.stylegan4j.train.TrainingOptions;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** train's flags for splitting the batch across processes (c10d on Gloo) and into per-process rounds. */
final class DistributedFlags {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--nproc", description = "train with N processes on this machine, splitting every batch among them "
            + "(the official --gpus): starts N ranks that meet in a store file (or at --master) and average gradients over Gloo on 127.0.0.1")
    Integer nproc;

    @Option(names = "--rank", description = "this process's rank, for runs across machines (default: $RANK)")
    Integer rank;

    @Option(names = "--world-size", description = "number of processes in the run, on all machines (default: $WORLD_SIZE)")
    Integer worldSize;

    @Option(names = "--master", paramLabel = "HOST:PORT", description = "where rank 0 listens for the others "
            + "(default: $MASTER_ADDR:$MASTER_PORT), or file:PATH for ranks on one machine (what --nproc uses)")
    String master;

    @Option(names = "--batch-gpu", description = "images per forward/backward round in each process, gradients accumulated "
            + "over rounds (the official --batch-gpu; default: the process's whole share of --batch)")
    Integer batchGpu;

    @Option(names = "--dist-timeout", description = "seconds a rank waits for the others (rendezvous and every collective) "
            + "before stopping with an error (default 1800, as torch.distributed)")
    long timeoutSeconds = 1800;

    /** The classes whose bytecode must match on every rank: the ones that compute a training step and exchange it. */
    private static final List<Class<?>> TRAINING_CODE = List.of(TrainingLoop.class, BatchSplit.class, GlooGroup.class,
            StyleGan2Loss.class, Adam.class);

    /** The launcher's side of --nproc: true when this process should only start and supervise the ranks. */
    boolean launches() {
        return nproc != null && !joins();
    }

    int launch() {
        if (rank != null || worldSize != null)
            throw new IllegalArgumentException("--nproc starts the ranks itself; --rank and --world-size are for starting each rank by hand");
        return Launcher.launch(nproc, spec.root().commandLine().getParseResult().originalArgs(), Main.class.getName(), master,
                System.out, System.err);
    }

    /** A rank of a distributed run: --rank/--world-size given, or a launcher's environment. */
    private boolean joins() {
        return rank != null || worldSize != null || World.inEnvironment(System.getenv());
    }

    /** StyleGAN v1's progressive training has no split yet: refuse the flags rather than ignore them. */
    void rejectFor(String what) {
        if (nproc != null || joins() || batchGpu != null)
            throw new IllegalArgumentException(what + " trains in one process: drop --nproc, --rank, --world-size and --batch-gpu");
    }

    /** This process's part of the run, or null for a plain one-process run (no flags, no rank environment). */
    Split open(TrainingOptions o) {
        if (!joins() && batchGpu == null) return null;
        World world = joins() ? World.resolve(rank, worldSize, master, Duration.ofSeconds(timeoutSeconds), System.getenv()) : null;
        int size = world == null ? 1 : world.size(), r = world == null ? 0 : world.rank();
        int bg = batchGpu != null ? batchGpu : o.batch() / size;
        // Checked on every rank before meeting the others: each rank fails with the same line instead of waiting.
        new BatchSplit(r, size, Math.max(1, bg), Collective.LOCAL).validate(o.batch(), o.d().mbstdGroupSize(), o.loss().pack());
        if (world == null || world.size() == 1) return new Split(new BatchSplit(0, 1, bg, Collective.LOCAL), null);
        GlooGroup g = GlooGroup.connect(world, Fingerprint.of(o, "world " + size + " batch-gpu " + bg, TRAINING_CODE));
        return new Split(new BatchSplit(r, size, bg, g), g);
    }

    /** The split and the process group it holds (closed with it; null in one process). */
    record Split(BatchSplit split, GlooGroup group) implements AutoCloseable {
        /** The metrics' share of this process: feature extraction split as the batch is. */
        Shard shard() {
            return new Shard(split.comm(), split.rank(), split.worldSize());
        }

        @Override
        public void close() {
            if (group != null) group.close();
        }
    }
}
