package io.stylegan4j.train;

import io.stylegan4j.augment.AdaController;
import io.stylegan4j.augment.AugmentOptions;
import io.stylegan4j.ops.Autocast;
import io.stylegan4j.ops.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * One iteration of {@link TrainingStep} under a {@link BatchSplit}: for each phase due, this rank's rounds of
 * batchGpu images accumulate gradients, the ranks average them, and every rank takes the same optimizer step.
 * Randomness per round comes from a seed drawn once per phase from the default generator (identically on every rank);
 * a second draw reseeds it after the phase, so all ranks leave each phase in the same generator state whichever rounds
 * they ran, and a snapshot's single generator state resumes any split of the same rounds.
 */
final class SplitStep {
    private static final long SEED_RANGE = 1L << 62;

    private final TrainingStep t;
    private final BatchSplit s;

    SplitStep(TrainingStep t, BatchSplit s) {
        this.t = t;
        this.s = s;
    }

    /** @param reals this rank's share of the batch [batch / world, C, R, R]; @param realLabels their labels or null */
    void run(Tensor reals, int[] realLabels, long batchIndex, Map<String, Double> stats) {
        TrainingOptions o = t.options();
        int per = s.perRank(o.batch()), rounds = per / s.batchGpu();
        Tensors.assertShape(reals, "this rank's share of the batch", per, o.g().imgChannels(), o.g().imgResolution(), o.g().imgResolution());
        long commNanos = 0, commBytes = 0;
        AdaController.State adaBefore = t.augment.state();
        for (TrainingStep.PhaseSpec p : t.phasesAt(batchIndex)) {
            Tensor seeds = torch.randint(SEED_RANGE, new long[] {2}, new TensorOptions(torch.ScalarType.Long));
            long roundSeed = seeds.select(0, 0).item_long(), after = seeds.select(0, 1).item_long();
            // Each round's mean is weighted by its share of this rank's images: the rank's gradient is its mean.
            double gain = p.interval() * (double) s.batchGpu() / per;
            List<Map<String, Double>> roundStats = new ArrayList<>();
            WAvgMoves wAvg = new WAvgMoves(t.g.mapping);
            p.module().requiresGrad(true);
            p.opt().zeroGrad();
            for (int r = 0; r < rounds; r++) {
                int global = s.rank() * rounds + r, start = r * s.batchGpu();
                torch.manual_seed(roundSeed + global);
                Tensor[] zc = t.drawLatents(s.batchGpu());
                Tensor realC = realLabels == null ? null
                        : Tensors.oneHot(Arrays.copyOfRange(realLabels, start, start + s.batchGpu()), o.g().cDim(), t.device());
                Map<String, Double> rs = new LinkedHashMap<>();
                try (Autocast ac = Autocast.bf16(t.device(), o.bf16())) {
                    t.loss.accumulate(p.phase(), reals.narrow(0, start, s.batchGpu()), zc[0], new StyleGan2Loss.Labels(realC, zc[1]), gain, rs);
                }
                roundStats.add(rs);
            }
            p.module().requiresGrad(false);
            wAvg.combine();
            List<Tensor> grads = new ArrayList<>();
            for (Tensor w : p.module().parameters().values()) if (w.grad().defined()) grads.add(w.grad());
            long t0 = System.nanoTime();
            s.comm().allReduceMean(grads);
            commNanos += System.nanoTime() - t0;
            for (Tensor gr : grads) commBytes += gr.numel() * gr.element_size();
            // Each rank's path-length mean moved with its own images; their average keeps one state for the snapshot.
            if (s.worldSize() > 1 && (p.phase() == Phase.GREG || p.phase() == Phase.GBOTH)) s.comm().allReduceMean(List.of(t.loss.plMean()));
            torch.manual_seed(after);
            p.opt().step();
            p.opt().zeroGrad();
            mergeMeans(roundStats, stats);
        }
        if (o.augment().mode() == AugmentOptions.Mode.ADA) sumSigns(adaBefore);
        reduceStats(stats);
        if (s.worldSize() > 1) {
            stats.put("Dist/allreduce_ms", commNanos / 1e6);
            stats.put("Dist/allreduce_mb", commBytes / 1e6);
        }
    }

    /**
     * G's tracked w_avg moves on every training forward pass: w <- beta w + (1 - beta) mean(w of the round). One process
     * applies the moves of all the global batch's rounds in turn; a rank only its own. The moves are affine, so each
     * rank's part, c_r = w_r - beta^U w0 after U moves from w0, is what it adds; the sequence over ranks in order is
     * beta^(W U) w0 + sum_r beta^((W - 1 - r) U) c_r, which one all-reduce gives every rank.
     */
    private final class WAvgMoves {
        private final io.stylegan4j.model.MappingNetwork m;
        private final Tensor w0;
        private final long n0;

        WAvgMoves(io.stylegan4j.model.MappingNetwork m) {
            this.m = m;
            this.w0 = m.wAvg().clone();
            this.n0 = m.wAvgUpdates();
        }

        void combine() {
            long u = m.wAvgUpdates() - n0;
            if (s.worldSize() == 1 || u == 0) return;
            double beta = t.options().g().wAvgBeta();
            double mine = Math.pow(beta, u), later = Math.pow(beta, (double) (s.worldSize() - 1 - s.rank()) * u);
            Tensor part = m.wAvg().sub(w0.mul(Tensors.scalar(mine))).mul(Tensors.scalar(later));
            s.comm().allReduceSum(List.of(part));
            try (NoGradGuard ng = new NoGradGuard()) {
                m.wAvg().copy_(w0.mul(Tensors.scalar(Math.pow(beta, (double) s.worldSize() * u))).add(part));
            }
        }
    }

    /**
     * ADA moves p by the sign of D's real logits over all the images of its interval: the ranks' counts are summed
     * (whole numbers in float64, so exactly), and every rank moves p the same way.
     */
    private void sumSigns(AdaController.State before) {
        if (s.worldSize() == 1) return;
        AdaController.State after = t.augment.state();
        Tensor delta = Tensors.fromDoubles(new double[] {after.signSum() - before.signSum(), after.signCount() - before.signCount()}, 2);
        s.comm().allReduceSum(List.of(delta));
        double[] sum = Tensors.toDoubles(delta);
        t.augment.restore(new AdaController.State(after.p(), before.signSum() + sum[0], before.signCount() + Math.round(sum[1])));
    }

    /**
     * Rounds are equal in size, so the mean of their means is the phase's mean. Loss/signs/real keeps the first phase's
     * value, as {@link StyleGan2Loss} reports it (putIfAbsent); every other key the latest phase's.
     */
    private static void mergeMeans(List<Map<String, Double>> rounds, Map<String, Double> into) {
        Map<String, Double> sum = new LinkedHashMap<>();
        for (Map<String, Double> r : rounds) r.forEach((k, v) -> sum.merge(k, v, Double::sum));
        sum.forEach((k, v) -> {
            double mean = v / rounds.size();
            if (k.equals("Loss/signs/real")) into.putIfAbsent(k, mean);
            else into.put(k, mean);
        });
    }

    /** The scalars every rank reported, averaged over the ranks (the same keys in the same order on each). */
    private void reduceStats(Map<String, Double> stats) {
        if (s.worldSize() == 1 || stats.isEmpty()) return;
        double[] v = stats.values().stream().mapToDouble(Double::doubleValue).toArray();
        Tensor t = Tensors.fromDoubles(v, v.length);
        s.comm().allReduceMean(List.of(t));
        double[] mean = Tensors.toDoubles(t);
        int i = 0;
        for (Map.Entry<String, Double> e : stats.entrySet()) e.setValue(mean[i++]);
    }
}
