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
     * @param share    per kind, its share of the images relative to uniform (1 = a quarter of them)
     * @param accuracy the share of images whose kind is the class asked for; NaN for an unconditional G
     */
    public record Result(double[] share, double accuracy, int images) {}

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
        if (!reals.hasLabels() || reals.classCount() != NAMES.size())
            throw new IllegalArgumentException("the shape-kind metric's real ceiling needs the built-in shapes (--data builtin), not " + reals.description());
        n = Math.min(n, reals.size());
        int[] seen = new int[n], asked = new int[n];
        int res = reals.resolution(), ch = reals.channels();
        for (int from = 0; from < n; from += batch) {
            int count = Math.min(batch, n - from);
            byte[] px = new byte[count * ch * res * res];
            for (int i = 0; i < count; i++) {
                byte[] img = reals.image(from + i);
                System.arraycopy(img, 0, px, i * img.length, img.length);
                asked[from + i] = reals.label(from + i);
            }
            try (StepScope step = StepScope.inference()) {
                Tensor images = Tensors.imagesFromUint8(px, new long[] {count, ch, res, res}, dev);
                System.arraycopy(classify(images, kinds), 0, seen, from, count);
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

    /** Shares relative to uniform, and the accuracy against {@code asked} (null: NaN). */
    static Result tally(int[] seen, int[] asked) {
        double[] share = new double[NAMES.size()];
        for (int s : seen) share[s]++;
        for (int k = 0; k < share.length; k++) share[k] = seen.length == 0 ? 0 : share[k] * share.length / seen.length;
        double acc = Double.NaN;
        if (asked != null) {
            int hit = 0;
            for (int i = 0; i < seen.length; i++) if (seen[i] == asked[i]) hit++;
            acc = seen.length == 0 ? Double.NaN : (double) hit / seen.length;
        }
        return new Result(share, acc, seen.length);
    }
}
