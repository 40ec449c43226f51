package io.stylegan4j.metrics;

import io.stylegan4j.ops.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The features of a set of images, as the official {@code FeatureStats} keeps them: every row (KID, PR) and/or the
 * float64 running sums {@code sum x} and {@code sum x^T x} (FID). Sums are in float64 per batch because float32
 * accumulation moves FID by 1e-6 relative; the covariance is the biased 1/n one, as officially. Owns its tensors
 * (created outside any PointerScope by the caller's design: append detaches what it keeps).
 */
public final class FeatureStats {
    private final boolean captureAll, captureMeanCov;
    private final long maxItems;
    private final List<Tensor> rows = new ArrayList<>();
    private Tensor rawMean, rawCov;
    private long numItems;
    private int numFeatures = -1;

    /** @param maxItems the most rows kept; later rows are dropped, as officially (Long.MAX_VALUE = no limit) */
    public FeatureStats(boolean captureAll, boolean captureMeanCov, long maxItems) {
        this.captureAll = captureAll;
        this.captureMeanCov = captureMeanCov;
        this.maxItems = maxItems;
    }

    public boolean isFull() {
        return numItems >= maxItems;
    }

    public long numItems() {
        return numItems;
    }

    public long maxItems() {
        return maxItems;
    }

    /** Adds a float32 [N, D] batch (rows past maxItems are dropped). */
    public void append(Tensor x) {
        Tensors.assertShape(x, "features", -1, numFeatures < 0 ? -1 : numFeatures);
        if (isFull()) return;
        if (numItems + x.size(0) > maxItems) x = x.narrow(0, 0, maxItems - numItems);
        x = x.to(ScalarType.Float);
        if (numFeatures < 0) numFeatures = (int) x.size(1);
        if (captureAll) {
            Tensor kept = x.detach().clone();
            kept.retainReference();
            rows.add(kept);
        }
        if (captureMeanCov) {
            Tensor x64 = x.to(ScalarType.Double);
            Tensor m = x64.sum(0), c = x64.t().matmul(x64);
            if (rawMean == null) {
                rawMean = m.clone();
                rawCov = c.clone();
                rawMean.retainReference();
                rawCov.retainReference();
            } else {
                rawMean.add_(m);
                rawCov.add_(c);
            }
        }
        numItems += x.size(0);
    }

    /** Every captured row, float32 [numItems, D]. */
    public Tensor all() {
        if (!captureAll) throw new IllegalStateException("these stats keep only mean and covariance");
        if (rows.isEmpty()) throw new MetricException("no features were computed: the image set is empty");
        return torch.cat(new TensorVector(rows.toArray(new Tensor[0])), 0);
    }

    /** [mu (float64 [D]), sigma (float64 [D, D])] with sigma = sum(x^T x)/n - mu mu^T. */
    public Tensor[] meanCov() {
        if (!captureMeanCov) throw new IllegalStateException("these stats keep only the rows");
        if (numItems == 0) throw new MetricException("no features were computed: the image set is empty");
        Tensor mu = rawMean.div(Tensors.scalar(numItems));
        Tensor sigma = rawCov.div(Tensors.scalar(numItems)).sub(mu.unsqueeze(1).matmul(mu.unsqueeze(0)));
        return new Tensor[] {mu, sigma};
    }

    /** Rebuilds stats from cached parts (see {@link RealStatsCache}). */
    static FeatureStats restored(Tensor all, Tensor rawMean, Tensor rawCov, long numItems) {
        FeatureStats s = new FeatureStats(all != null, rawMean != null, numItems);
        if (all != null) {
            all.retainReference();
            s.rows.add(all);
            s.numFeatures = (int) all.size(1);
        }
        if (rawMean != null) {
            rawMean.retainReference();
            rawCov.retainReference();
            s.rawMean = rawMean;
            s.rawCov = rawCov;
            s.numFeatures = (int) rawMean.size(0);
        }
        s.numItems = numItems;
        return s;
    }

    Tensor rawMean() {
        return rawMean;
    }

    Tensor rawCov() {
        return rawCov;
    }

    boolean capturesAll() {
        return captureAll;
    }

    boolean capturesMeanCov() {
        return captureMeanCov;
    }
}
