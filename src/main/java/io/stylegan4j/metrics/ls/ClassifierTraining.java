package io.stylegan4j.metrics.ls;

import io.stylegan4j.data.Dataset;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.ops.StepScope;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.train.Adam;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Trains one auxiliary classifier on a labelled dataset: minibatches drawn uniformly from the images that are not
 * held out, cross-entropy of softmax([l, -l]) against the attribute (= softplus(-2 y l) with y = +-1), Adam. The
 * held-out images (every n-th) then give its accuracy.
 */
public final class ClassifierTraining {
    private ClassifierTraining() {}

    /** Told after every minibatch: images of this classifier done so far, and the minibatch's mean loss. */
    public interface Listener {
        void step(long images, double loss, double accuracy);
    }

    /** The trained classifier with the mean loss of its first and last tenth of training. */
    public record Result(AttributeClassifier classifier, double firstLoss, double lastLoss) {}

    public static Result train(Dataset data, Attribute attr, ClassifierConfig cfg, Device dev, Listener listener) {
        checkShape(data, cfg);
        int[] trainSet = IntStream.range(0, data.size()).filter(i -> !cfg.heldOut(i)).toArray();
        if (trainSet.length < cfg.batch())
            throw new IllegalArgumentException(data.description() + ": " + trainSet.length + " training images, fewer than one batch of " + cfg.batch());
        torch.manual_seed(cfg.seed());
        Discriminator net = new Discriminator(cfg.discriminator(), dev);
        net.train(true);
        AttributeClassifier clf = new AttributeClassifier(attr.name(), attr.meaning(), net, null);
        try (Adam opt = new Adam(net.parameters(), new Adam.Settings(cfg.lr(), 0.9, 0.999, 1e-8))) {
            return optimize(data, attr, cfg, dev, listener, trainSet, clf, opt);
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    private static Result optimize(Dataset data, Attribute attr, ClassifierConfig cfg, Device dev, Listener listener, int[] trainSet,
                                   AttributeClassifier clf, Adam opt) {
        Discriminator net = clf.net;
        SplittableRandom rnd = new SplittableRandom(cfg.seed());
        long steps = Math.max(1, Math.round(cfg.kimg() * 1000 / cfg.batch()));
        long window = Math.max(1, steps / 10);
        double first = 0, last = 0;
        for (long s = 0; s < steps; s++) {
            int[] idx = new int[cfg.batch()];
            for (int j = 0; j < idx.length; j++) idx[j] = trainSet[rnd.nextInt(trainSet.length)];
            double loss, acc;
            try (StepScope step = StepScope.training()) {
                int[] y = labels(attr, idx);
                Tensor logits = clf.logits(images(data, idx, dev));
                Tensor l = loss(logits, y, dev);
                opt.zeroGrad();
                l.backward();
                opt.step();
                loss = Tensors.item(l);
                acc = (double) correct(Tensors.toFloats(logits), y) / y.length;
            }
            if (s < window) first += loss / window;
            if (s >= steps - window) last += loss / window;
            listener.step((s + 1) * cfg.batch(), loss, acc);
        }
        net.train(false);
        return new Result(new AttributeClassifier(attr.name(), attr.meaning(), net, evaluate(clf, data, attr, cfg, dev)), first, last);
    }

    /** Accuracy on the held-out images, and the base rate (always answering the commoner label) to read it against. */
    public static AttributeClassifier.Accuracy evaluate(AttributeClassifier clf, Dataset data, Attribute attr, ClassifierConfig cfg, Device dev) {
        int[] held = IntStream.range(0, data.size()).filter(cfg::heldOut).toArray();
        if (held.length == 0) throw new IllegalArgumentException(data.description() + ": too few images to hold any out");
        int correct = 0, present = 0;
        for (int from = 0; from < held.length; from += 64) {
            int[] idx = java.util.Arrays.copyOfRange(held, from, Math.min(held.length, from + 64));
            int[] y = labels(attr, idx);
            try (StepScope step = StepScope.inference()) {
                correct += correct(Tensors.toFloats(clf.logits(images(data, idx, dev))), y);
            }
            for (int v : y) present += v;
        }
        double p = (double) present / held.length;
        return new AttributeClassifier.Accuracy((double) correct / held.length, Math.max(p, 1 - p), held.length);
    }

    /** softplus(-2 y l) with y = +-1: the cross-entropy of the official softmax([l, -l]) prediction. */
    static Tensor loss(Tensor logits, int[] labels, Device dev) {
        float[] sign = new float[labels.length];
        for (int i = 0; i < sign.length; i++) sign[i] = labels[i] == 1 ? -2f : 2f;
        return torch.softplus(logits.mul(Tensors.fromFloats(sign, new long[] {sign.length}, dev))).mean();
    }

    /** How many logits (present when > 0) agree with the labels. */
    static int correct(float[] logits, int[] labels) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) if ((logits[i] > 0 ? 1 : 0) == labels[i]) right++;
        return right;
    }

    private static int[] labels(Attribute attr, int[] idx) {
        int[] y = new int[idx.length];
        for (int i = 0; i < idx.length; i++) y[i] = attr.label(idx[i]);
        return y;
    }

    /** Dataset images {@code idx} as one float batch in [-1, 1] on {@code dev}. */
    static Tensor images(Dataset data, int[] idx, Device dev) {
        int per = data.imageBytes();
        byte[] px = new byte[idx.length * per];
        for (int i = 0; i < idx.length; i++) System.arraycopy(data.image(idx[i]), 0, px, i * per, per);
        return Tensors.imagesFromUint8(px, new long[] {idx.length, data.channels(), data.resolution(), data.resolution()}, dev);
    }

    private static void checkShape(Dataset data, ClassifierConfig cfg) {
        if (data.resolution() != cfg.resolution() || data.channels() != cfg.imgChannels())
            throw new IllegalArgumentException(data.description() + " is " + data.channels() + "x" + data.resolution() + "x" + data.resolution()
                    + ", the classifier config expects " + cfg.imgChannels() + "x" + cfg.resolution() + "x" + cfg.resolution());
    }
}
