package io.stylegan4j.projection;

import io.stylegan4j.ops.StepScope;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.train.Adam;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Finds the w (and noise maps) whose image is closest to a target (StyleGAN2 Appendix D), as the official
 * {@code projector.py}: start from w_avg, add Gaussian noise to w that decays to 0 over the first 3/4 of the run so
 * the search first roams W, let Adam minimize the image distance plus the noise maps' autocorrelation penalty, and
 * renormalize the noise maps after every step.
 */
public final class Projector {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final double ADAM_BETA1 = 0.9, ADAM_BETA2 = 0.999, ADAM_EPS = 1e-8;

    /**
     * One optimization step, as the progress bar and stats.jsonl report it. {@code seconds} is its wall time,
     * {@code cpuSeconds} the CPU time of the projecting thread (all of the step's CPU time with --threads 1; on a
     * shared machine the fairer figure, as wall time includes waiting for a core).
     */
    public record Step(int step, int numSteps, double distance, double loss, double noiseReg, double lr, double wNoise,
                       double seconds, double cpuSeconds) {}

    /**
     * @param ws            the optimized w after each step, each [numWs * wDim] (a broadcast w is repeated per layer)
     * @param distance      image distance of the final w with the optimized noise maps
     * @param distanceConst image distance of the final w with the model's stored noise, the image that proj.png and
     *                      {@code generate --projected-w} show
     */
    public record Result(String distanceName, List<float[]> ws, double distance, double distanceConst) {
        public float[] finalW() {
            return ws.get(ws.size() - 1);
        }
    }

    private Projector() {}

    /**
     * @param target [C, H, W] float on 0..255 at the generator's resolution and channel count
     * @param onStep called after every step (progress, statistics); may be null
     */
    public static Result project(Projectable g, ImageDistance distance, Tensor target, ProjectionConfig cfg, WStats stats,
                                 Consumer<Step> onStep) {
        Tensors.assertShape(target, "projection target", g.channels(), g.resolution(), g.resolution());
        int numWs = g.numWs(), wDim = g.wDim();
        int optWs = cfg.wPlus() ? numWs : 1;
        List<float[]> wOut = new ArrayList<>(cfg.numSteps());
        try (PointerScope outer = new PointerScope()) {
            Tensor targetEmb;
            try (NoGradGuard ng = new NoGradGuard()) {
                targetEmb = distance.embed(target.unsqueeze(0).to(g.device(), torch.ScalarType.Float));
            }
            float[] start = new float[optWs * wDim];
            for (int l = 0; l < optWs; l++) System.arraycopy(stats.wAvg(), 0, start, l * wDim, wDim);
            Tensor wOpt = Tensors.fromFloats(start, new long[] {1, optWs, wDim}, g.device()).requires_grad_(true);

            torch.manual_seed(cfg.seed());
            List<Tensor> noise = new ArrayList<>();
            Map<String, Tensor> params = new LinkedHashMap<>();
            params.put("w", wOpt);
            for (int res : g.noiseResolutions()) {
                Tensor n = torch.randn(new long[] {res, res}, Tensors.options(g.device())).requires_grad_(true);
                params.put("noise" + noise.size(), n);
                noise.add(n);
            }
            try (Adam adam = new Adam(params, new Adam.Settings(cfg.initialLearningRate(), ADAM_BETA1, ADAM_BETA2, ADAM_EPS))) {
                for (int step = 0; step < cfg.numSteps(); step++) {
                    long t0 = System.nanoTime(), c0 = CPU.getCurrentThreadCpuTime();
                    double lr = cfg.learningRate(step), wNoise = cfg.wNoiseScale(step, stats.wStd());
                    double dist, reg, loss;
                    try (StepScope scope = StepScope.training()) {
                        Tensor w = wOpt.add(torch.randn_like(wOpt).mul(Tensors.scalar(wNoise)));
                        Tensor ws = cfg.wPlus() ? w : w.repeat(1, numWs, 1);
                        Tensor d = targetEmb.sub(distance.embed(toPixels(g.synthesis(ws, noise)))).square().sum();
                        Tensor r = NoiseRegularizer.loss(noise);
                        Tensor l = d.add(r.mul(Tensors.scalar(cfg.regularizeNoiseWeight())));
                        adam.zeroGrad();
                        l.backward();
                        adam.step(lr);
                        dist = Tensors.item(d);
                        reg = Tensors.item(r);
                        loss = Tensors.item(l);
                        wOut.add(broadcast(Tensors.toFloats(wOpt), optWs, numWs, wDim));
                    }
                    NoiseRegularizer.normalize(noise);
                    if (onStep != null)
                        onStep.accept(new Step(step + 1, cfg.numSteps(), dist, loss, reg, lr, wNoise, (System.nanoTime() - t0) / 1e9,
                                (CPU.getCurrentThreadCpuTime() - c0) / 1e9));
                }
            }
            try (NoGradGuard ng = new NoGradGuard()) {
                Tensor ws = Tensors.fromFloats(wOut.get(wOut.size() - 1), new long[] {1, numWs, wDim}, g.device());
                double withNoise = Tensors.item(targetEmb.sub(distance.embed(toPixels(g.synthesis(ws, noise)))).square().sum());
                double withConst = Tensors.item(targetEmb.sub(distance.embed(toPixels(g.synthesis(ws, null)))).square().sum());
                return new Result(distance.name(), wOut, withNoise, withConst);
            }
        }
    }

    /** [-1, 1] network output -> the 0..255 scale of the detectors, neither clamped nor rounded (as officially). */
    static Tensor toPixels(Tensor img) {
        return img.add(Tensors.scalar(1)).mul(Tensors.scalar(255 / 2.0));
    }

    private static float[] broadcast(float[] w, int have, int numWs, int wDim) {
        if (have == numWs) return w;
        float[] out = new float[numWs * wDim];
        for (int l = 0; l < numWs; l++) System.arraycopy(w, 0, out, l * wDim, wDim);
        return out;
    }

    /** The image distance between two [C, H, W] 0..255 images (attribution's score of a projection). */
    public static double distance(ImageDistance d, Tensor a, Tensor b) {
        try (StepScope scope = StepScope.inference()) {
            return Tensors.item(d.embed(a.unsqueeze(0)).sub(d.embed(b.unsqueeze(0))).square().sum());
        }
    }
}
