package io.stylegan4j.metrics.ls;

import io.stylegan4j.model.Generator;
import io.stylegan4j.ops.StepScope;
import io.stylegan4j.ops.Tensors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Linear separability (StyleGAN section 4.2), as the official {@code metrics/linear_separability.py} computes it:
 * generate N images from z ~ N(0, I) (random noise), label each with every auxiliary classifier, keep per attribute
 * the most confident half, fit a linear SVM that predicts the label from z and from w, and measure the conditional
 * entropy H(Y|X) of the label Y given the SVM's prediction X in bits. The score of a space is 2^(sum over
 * attributes of H), the paper's exp(sum H) with logarithms in base 2: 1 is perfectly linearly separable, and each
 * attribute can add at most a factor 2. Lower is more separable; the paper finds W more separable than Z.
 */
public final class LinearSeparability {
    private LinearSeparability() {}

    /**
     * @param numSamples generated images (the paper: 200,000; half of them are kept per attribute)
     * @param batch images per generator call
     * @param seed latents, noise and the SVM's visiting order
     */
    public record Options(int numSamples, int batch, long seed) {
        public static final int PAPER_SAMPLES = 200_000;

        public Options {
            if (batch < 1) throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
            if (numSamples < 2) throw new IllegalArgumentException("--num must be >= 2, got " + numSamples);
        }

        /** Small enough for a CPU in a few minutes at 32 px; the paper's value is {@link #PAPER_SAMPLES}. */
        public static Options defaults() {
            return new Options(10_000, 32, 0);
        }

        /** The official num_keep: the more confident half. */
        public int numKeep() {
            return numSamples / 2;
        }
    }

    /** Told how far the two phases are: images generated and classified, then attributes whose SVMs are fitted. */
    public interface Listener {
        void generated(long images);

        default void fitted(int attributes) {}
    }

    /** One attribute's conditional entropies (bits) and how many kept samples the classifier called present. */
    public record AttributeResult(String attribute, double entropyZ, double entropyW, double presentFraction) {}

    /** The two scores (lower = more separable) and their parts. */
    public record Result(double z, double w, List<AttributeResult> attributes, int numSamples, int numKept) {
        /** "w" or "z", whichever space is more linearly separable ("equal" on a tie). */
        public String moreSeparable() {
            return w < z ? "w" : z < w ? "z" : "equal";
        }
    }

    /**
     * Measures {@code g} with the given classifiers. {@code progress} follows both phases.
     *
     * @throws IllegalArgumentException for a conditional generator, classifiers of another channel count or a higher
     *     resolution than G's images, or too few samples for the latent size
     */
    public static Result compute(Generator g, List<AttributeClassifier> classifiers, Options o, Device dev, Listener progress) {
        check(g, classifiers, o);
        boolean wasTraining = g.isTraining();
        g.train(false); // in training mode mapping would move the tracked w_avg
        try {
            return measure(g, classifiers, o, dev, progress);
        } finally {
            g.train(wasTraining);
        }
    }

    private static Result measure(Generator g, List<AttributeClassifier> classifiers, Options o, Device dev, Listener progress) {
        int n = o.numSamples();
        float[][] z = new float[n][], w = new float[n][];
        float[][] logits = new float[classifiers.size()][n];
        torch.manual_seed(o.seed());
        for (int from = 0; from < n; from += o.batch()) {
            int count = Math.min(o.batch(), n - from);
            try (StepScope step = StepScope.inference()) {
                Tensor zs = torch.randn(new long[] {count, g.cfg.zDim()}, Tensors.options(dev));
                Sample s = sample(g, zs);
                rows(Tensors.toFloats(zs), count, z, from);
                rows(Tensors.toFloats(s.w()), count, w, from);
                for (int a = 0; a < classifiers.size(); a++) {
                    AttributeClassifier c = classifiers.get(a);
                    float[] l = Tensors.toFloats(c.logits(downsample(s.images(), c.resolution())));
                    System.arraycopy(l, 0, logits[a], from, count);
                }
            }
            progress.generated(from + count);
        }
        List<AttributeResult> parts = new ArrayList<>();
        double sumZ = 0, sumW = 0;
        for (int a = 0; a < classifiers.size(); a++) {
            int[] kept = mostConfident(logits[a], o.numKeep());
            int[] target = new int[kept.length];
            for (int i = 0; i < kept.length; i++) target[i] = logits[a][kept[i]] > 0 ? 1 : 0;
            long svmSeed = o.seed() * 1_000_003L + a;
            double hz = ConditionalEntropy.ofPredictions(LinearSvm.fitPredict(pick(z, kept), target, svmSeed), target);
            double hw = ConditionalEntropy.ofPredictions(LinearSvm.fitPredict(pick(w, kept), target, svmSeed), target);
            parts.add(new AttributeResult(classifiers.get(a).name, hz, hw, (double) IntStream.of(target).sum() / target.length));
            sumZ += hz;
            sumW += hw;
            progress.fitted(a + 1);
        }
        return new Result(Math.pow(2, sumZ), Math.pow(2, sumW), parts, n, o.numKeep());
    }

    private record Sample(Tensor w, Tensor images) {}

    /**
     * The one place G is called: z -> (w [N, wDim], images [N, C, H, W]) with the official defaults (no truncation,
     * random noise). w is the last layer's, as the official dlatents[:, -1]; without mixing every layer's is the same.
     */
    private static Sample sample(Generator g, Tensor z) {
        Generator.Output out = g.forward(z, null, Generator.Options.DEFAULT);
        return new Sample(out.ws().select(1, g.numWs() - 1), out.img());
    }

    /**
     * Indices of the {@code keep} samples whose label is most certain, most certain first. The official code sorts
     * by max(softmax([l, -l])) = sigmoid(2|l|), which orders as |l| does; the sort is stable, so ties keep index order.
     */
    public static int[] mostConfident(float[] logits, int keep) {
        if (keep < 0 || keep > logits.length) throw new IllegalArgumentException("cannot keep " + keep + " of " + logits.length);
        return IntStream.range(0, logits.length).boxed()
                .sorted(Comparator.comparingDouble(i -> -Math.abs(logits[i])))
                .limit(keep).mapToInt(Integer::intValue).toArray();
    }

    /** Box-filters G's images down to the classifier's resolution, as the official metric does for its 256 px classifiers. */
    static Tensor downsample(Tensor images, int resolution) {
        long res = images.size(2);
        if (res == resolution) return images;
        long f = res / resolution;
        return torch.avg_pool2d(images, new long[] {f, f});
    }

    /** The checks {@link #compute} starts with, for callers that want to fail before showing progress. */
    public static void check(Generator g, List<AttributeClassifier> classifiers, Options o) {
        if (classifiers.isEmpty()) throw new IllegalArgumentException("no classifiers given; train them with 'stylegan4j train-classifier'");
        if (g.cfg.cDim() > 0)
            throw new IllegalArgumentException("the generator is class-conditional; linear separability measures an unconditional one");
        for (AttributeClassifier c : classifiers) {
            if (c.channels() != g.cfg.imgChannels())
                throw new IllegalArgumentException("classifier '" + c.name + "' takes " + c.channels() + "-channel images, the generator makes "
                        + g.cfg.imgChannels() + "; train classifiers on the generator's dataset");
            if (c.resolution() > g.cfg.imgResolution())
                throw new IllegalArgumentException("classifier '" + c.name + "' takes " + c.resolution() + " px images, the generator makes "
                        + g.cfg.imgResolution() + " px; train classifiers at the generator's resolution");
        }
        // Cover's theorem: up to d + 1 points in general position are linearly separable whatever their labels, so
        // with that few kept samples every entropy would be 0 and the score 1, whatever the generator.
        int dim = Math.max(g.cfg.zDim(), g.cfg.wDim());
        int min = 2 * (dim + 2);
        if (o.numSamples() < min)
            throw new IllegalArgumentException("--num " + o.numSamples() + " is too small for " + dim + "-dimensional latents: the SVM sees the kept half ("
                    + o.numKeep() + "), and up to " + (dim + 1) + " points are separable whatever their labels; use --num " + min
                    + " or more (the paper: " + Options.PAPER_SAMPLES + ")");
    }

    private static void rows(float[] flat, int count, float[][] into, int from) {
        int d = flat.length / count;
        for (int i = 0; i < count; i++) into[from + i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
    }

    private static float[][] pick(float[][] rows, int[] idx) {
        float[][] out = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) out[i] = rows[idx[i]];
        return out;
    }
}
