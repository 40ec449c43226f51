package io.stylegan4j.metrics.ls;

import io.stylegan4j.data.Dataset;
import io.stylegan4j.data.ShapeKind;
import io.stylegan4j.model.Generator;
import io.stylegan4j.ops.StepScope;
import io.stylegan4j.ops.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Whether a generator draws the built-in shapes recognizably, in numbers rather than by eye. Each image gets the kind
 * whose auxiliary classifier (train-classifier's one-versus-rest circle, square, triangle and star on the built-in
 * shapes) gives the largest logit. A class-conditional G is asked for the classes in turn and scored by how often the
 * kind seen is the kind asked for; the same classifiers on the real images give the ceiling. Not a paper metric: it
 * answers "are these squares?", which FID (and its Inception file) cannot on this machine.
 */
public final class ShapeKinds {
    private ShapeKinds() {}

    /** The classifier names, in the order of the classes of the built-in shapes. */
    public static final List<String> NAMES = Arrays.stream(ShapeKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList();

    /**
     * @param counts   per kind, how many images were seen as it
     * @param accuracy the share of images whose kind is the class asked for; NaN for an unconditional G
     */
    public record Result(long[] counts, double accuracy) {
        // the shares relative to uniform are ModeCoverage.histogram's (MetricFunctions.shapeKinds), not computed here
        public long images() {
            return Arrays.stream(counts).sum();
        }
    }

    /** The real images must be the built-in shapes (four labelled classes); one line otherwise. */
    public static void requireShapes(Dataset reals) {
        if (!reals.hasLabels() || reals.classCount() != NAMES.size())
            throw new IllegalArgumentException("kinds10k is for the built-in shapes: pass --data builtin, not " + reals.description());
    }

    /** The four kind classifiers among {@code all}, in class order; one line naming what is missing otherwise. */
    public static List<AttributeClassifier> select(List<AttributeClassifier> all) {
        List<AttributeClassifier> out = new ArrayList<>();
        for (String n : NAMES) {
            out.add(all.stream().filter(c -> c.name.equals(n)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "the shape-kind metric needs the classifiers " + NAMES + " of the built-in shapes; '" + n + "' is not among "
                            + all.stream().map(c -> c.name).toList() + " (train-classifier --data builtin --attributes "
                            + String.join(",", NAMES) + ")")));
        }
        return out;
    }

    /** {@code n} fakes of G (random noise, psi 1), in batches, classes 0..3 in turn for a conditional G. */
    public static Result ofGenerator(Generator g, List<AttributeClassifier> kinds, int n, int batch, long seed, Device dev, LongConsumer progress) {
        int classes = g.cfg.cDim();
        if (classes != 0 && classes != NAMES.size())
            throw new IllegalArgumentException("the shape-kind metric is for the built-in shapes' " + NAMES.size() + " classes; this G has " + classes);
        boolean wasTraining = g.isTraining();
        g.train(false); // in training mode mapping would move the tracked w_avg
        try {
            int[] seen = new int[n];
            int[] asked = classes == 0 ? null : new int[n];
            torch.manual_seed(seed);
            for (int from = 0; from < n; from += batch) {
                int count = Math.min(batch, n - from);
                try (StepScope step = StepScope.inference()) {
                    Tensor z = torch.randn(new long[] {count, g.cfg.zDim()}, Tensors.options(dev));
                    Tensor c = null;
                    if (asked != null) {
                        int[] labels = new int[count];
                        for (int i = 0; i < count; i++) labels[i] = asked[from + i] = (from + i) % classes;
                        c = Tensors.oneHot(labels, classes, dev);
                    }
                    System.arraycopy(classify(g.forward(z, c, Generator.Options.DEFAULT).img(), kinds), 0, seen, from, count);
                }
                progress.accept(from + count);
            }
            return tally(seen, asked);
        } finally {
            g.train(wasTraining);
        }
    }

    /** The first {@code n} real images of the built-in shapes, asked for their own labels: the ceiling for accuracy. */
    public static Result ofReals(Dataset reals, List<AttributeClassifier> kinds, int n, int batch, Device dev) {
        requireShapes(reals);
        n = Math.min(n, reals.size());
        int[] seen = new int[n], asked = new int[n];
        for (int from = 0; from < n; from += batch) {
            int[] idx = IntStream.range(from, Math.min(n, from + batch)).toArray();
            for (int i : idx) asked[i] = reals.label(i);
            try (StepScope step = StepScope.inference()) {
                System.arraycopy(classify(ClassifierTraining.images(reals, idx, dev), kinds), 0, seen, from, idx.length);
            }
        }
        return tally(seen, asked);
    }

    /** Per image [N, C, H, W] in [-1, 1], the index of the classifier with the largest logit. */
    static int[] classify(Tensor images, List<AttributeClassifier> kinds) {
        float[][] logits = new float[kinds.size()][];
        for (int k = 0; k < kinds.size(); k++)
            logits[k] = Tensors.toFloats(kinds.get(k).logits(LinearSeparability.downsample(images, kinds.get(k).resolution())));
        return argmax(logits);
    }

    /** Column-wise argmax of {@code logits[kind][image]}; the lower kind wins a tie. */
    static int[] argmax(float[][] logits) {
        int n = logits[0].length;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < logits.length; k++) if (logits[k][i] > logits[best][i]) best = k;
            out[i] = best;
        }
        return out;
    }

    /** Counts per kind, and the accuracy against {@code asked} (null: NaN). */
    static Result tally(int[] seen, int[] asked) {
        long[] counts = new long[NAMES.size()];
        for (int s : seen) counts[s]++;
        double acc = Double.NaN;
        if (asked != null) {
            int hit = 0;
            for (int i = 0; i < seen.length; i++) if (seen[i] == asked[i]) hit++;
            acc = seen.length == 0 ? Double.NaN : (double) hit / seen.length;
        }
        return new Result(counts, acc);
    }
}
