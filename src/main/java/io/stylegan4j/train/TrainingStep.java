package io.stylegan4j.train;

import io.stylegan4j.augment.Augmentation;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.Generator;
import io.stylegan4j.nn.Module;
import io.stylegan4j.ops.Autocast;
import io.stylegan4j.ops.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * One training iteration of the official schedule: for each phase due at this minibatch (Gmain, Greg every
 * gRegInterval, Dmain, Dreg every dRegInterval; Gboth or Dboth every minibatch where the interval is 0) enable
 * gradients for its network, accumulate, step its optimizer; then update G_ema. Owns the networks and optimizer state
 * (released by {@link #close}); the loop around it owns data, ticks and files, and the benchmark calls it directly.
 */
public final class TrainingStep implements AutoCloseable {
    record PhaseSpec(Phase phase, Module module, Adam opt, int interval) {}

    public final Generator g, gEma;
    public final Discriminator d;
    public final StyleGan2Loss loss;
    public final Augmentation augment;
    public final Adam optG, optD;
    private final TrainingOptions o;
    private final Device dev;
    private final List<PhaseSpec> phases = new ArrayList<>();
    private final Tensor labelPool; // the dataset's class labels (int64) for a conditional G, else null
    private BatchSplit split; // null: the whole batch at once in this process (the default, unchanged path)

    /** Builds fresh networks from libtorch's global generator (seed it first for reproducible init). */
    public TrainingStep(TrainingOptions o, Device dev) {
        this(o, dev, null);
    }

    /**
     * @param datasetLabels every image's class label, for a conditional model (c_dim > 0): like the official loop,
     *     the labels G is trained to generate are drawn from the dataset's labels, so the class balance is the data's
     */
    public TrainingStep(TrainingOptions o, Device dev, int[] datasetLabels) {
        this.o = o;
        this.dev = dev;
        if (o.g().cDim() > 0 && (datasetLabels == null || datasetLabels.length == 0))
            throw new IllegalArgumentException("a conditional model (c_dim " + o.g().cDim() + ") needs a dataset with labels");
        if (o.g().cDim() * o.loss().pack() != o.d().cDim())
            throw new IllegalArgumentException("G and D must agree on c_dim, got " + o.g().cDim() + " and " + o.d().cDim()
                    + (o.loss().pack() > 1 ? " for " + o.loss().pack() + " packed images" : ""));
        this.labelPool = o.g().cDim() > 0 ? Tensors.fromLongs(datasetLabels, dev) : null;
        if (labelPool != null) labelPool.retainReference();
        g = new Generator(o.g(), dev);
        d = new Discriminator(o.d(), dev);
        gEma = new Generator(o.g(), dev);
        gEma.copyFrom(g);
        gEma.train(false);
        g.train(true);
        d.train(true);
        augment = Augmentation.of(o.augment(), o.batch(), dev);
        loss = new StyleGan2Loss(g, d, o.loss(), augment);
        // As the official loop: an optimizer gets the lazy correction whenever its network has a regularization interval,
        // even when the penalty's weight is 0 (the cifar config, our cpu presets: pl_weight 0, lr x 4/5, betas^0.8). A
        // Greg or Dreg phase with weight 0 would change nothing (the official optimizer skips parameters without
        // gradients), so it is left out. WGAN-GP has no lazy phase, so no correction.
        boolean lazyG = o.loss().gRegInterval() > 0;
        boolean lazyD = o.loss().kind() == LossConfig.Kind.NS_R1 && o.loss().dRegInterval() > 0;
        optG = new Adam(g.parameters(), lazyG ? o.gOpt().lazy(o.loss().gRegInterval()) : o.gOpt());
        optD = new Adam(d.parameters(), lazyD ? o.dOpt().lazy(o.loss().dRegInterval()) : o.dOpt());
        if (o.loss().gRegInterval() == 0) {
            phases.add(new PhaseSpec(Phase.GBOTH, g, optG, 1));
        } else {
            phases.add(new PhaseSpec(Phase.GMAIN, g, optG, 1));
            if (o.loss().plWeight() > 0) phases.add(new PhaseSpec(Phase.GREG, g, optG, o.loss().gRegInterval()));
        }
        if (o.loss().dRegInterval() == 0) {
            phases.add(new PhaseSpec(Phase.DBOTH, d, optD, 1));
        } else {
            phases.add(new PhaseSpec(Phase.DMAIN, d, optD, 1));
            if (lazyD && o.loss().r1Gamma() > 0) phases.add(new PhaseSpec(Phase.DREG, d, optD, o.loss().dRegInterval()));
        }
        g.requiresGrad(false);
        d.requiresGrad(false);
        setChannelsLast(true);
    }

    /**
     * NHWC activations in G and D for training, or NCHW. Same steps to f32 rounding
     * (ChannelsLastTrainingTest); the default. oneDNN computes NHWC natively, so the NCHW <-> blocked reorders around
     * every convolution disappear: bench --mode train at 64 px, batch 8, 2 threads, 16-iteration schedule,
     * 30.7 s (NCHW) -> 28.7 s (NHWC) per iteration.
     */
    public void setChannelsLast(boolean on) {
        g.synthesis.setChannelsLast(on);
        d.setChannelsLast(on);
    }

    /** An unconditional step. */
    public void run(Tensor reals, long batchIndex, long imagesSeen, Map<String, Double> stats) {
        run(reals, null, batchIndex, imagesSeen, stats);
    }

    /**
     * @param reals [batch, C, R, R] in [-1, 1]; @param realLabels their class indices (conditional models only, else
     *     null); @param imagesSeen before this step (for the EMA ramp-up). Under ADA, p is adjusted after the
     *     step, as the official loop does after its counters advance.
     */
    public void run(Tensor reals, int[] realLabels, long batchIndex, long imagesSeen, Map<String, Double> stats) {
        if ((labelPool != null) != (realLabels != null))
            throw new IllegalArgumentException(labelPool != null ? "this model is conditional: the reals need labels" : "this model is unconditional");
        if (split != null) {
            new SplitStep(this, split).run(reals, realLabels, batchIndex, stats);
        } else {
            runWhole(reals, realLabels, batchIndex, stats);
        }
        Ema.update(gEma, g, Ema.beta(o.batch(), o.emaKimg(), o.emaRampup(), imagesSeen));
        augment.afterStep(batchIndex + 1);
    }

    /**
     * Divides every iteration's batch among ranks and rounds ({@link BatchSplit}); the reals passed to
     * {@link #run} are then this rank's share: images [rank * batch / world, (rank + 1) * batch / world) of the batch.
     */
    public TrainingStep split(BatchSplit s) {
        s.validate(o.batch(), o.d().mbstdGroupSize(), o.loss().pack());
        this.split = s;
        return this;
    }

    private void runWhole(Tensor reals, int[] realLabels, long batchIndex, Map<String, Double> stats) {
        Tensor realC = realLabels == null ? null : Tensors.oneHot(realLabels, o.g().cDim(), dev);
        for (PhaseSpec p : phases) {
            if (batchIndex % p.interval() != 0) continue;
            Tensor[] zc = drawLatents(o.batch());
            p.module().requiresGrad(true);
            p.opt().zeroGrad();
            try (Autocast ac = Autocast.bf16(dev, o.bf16())) {
                loss.accumulate(p.phase(), reals, zc[0], new StyleGan2Loss.Labels(realC, zc[1]), p.interval(), stats);
            }
            p.module().requiresGrad(false);
            p.opt().step();
            p.opt().zeroGrad();
        }
    }

    /** The phases due at {@code batchIndex}, in the order they run. */
    List<PhaseSpec> phasesAt(long batchIndex) {
        return phases.stream().filter(p -> batchIndex % p.interval() == 0).toList();
    }

    /** Latents, and labels for a conditional G, for {@code n} images from libtorch's default generator. */
    Tensor[] drawLatents(int n) {
        Tensor z = torch.randn(new long[] {n, o.g().zDim()}, Tensors.options(dev));
        Tensor genC = labelPool == null ? null
                : Tensors.oneHot(labelPool.index_select(0, torch.randint(labelPool.size(0), new long[] {n},
                        Tensors.options(dev, torch.ScalarType.Long))), o.g().cDim());
        return new Tensor[] {z, genC};
    }

    TrainingOptions options() {
        return o;
    }

    Device device() {
        return dev;
    }

    @Override
    public void close() {
        optG.close();
        optD.close();
        loss.close();
        g.close();
        gEma.close();
        d.close();
        if (labelPool != null) labelPool.releaseReference();
    }

    /** The length of the lazy-regularization schedule: averaging over it gives the mean cost per iteration. */
    public int scheduleLength() {
        int n = 1;
        for (PhaseSpec p : phases) n = lcm(n, p.interval());
        return n;
    }

    private static int lcm(int a, int b) {
        int x = a, y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }
}
