package io.stylegan4j.metrics;

import io.stylegan4j.ops.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019) as the official code computes it. Features are cast to
 * float16 first; each manifold point gets a ball whose radius is its distance to the k-th nearest other point
 * ({@code kthvalue(k + 1)} of its row, the self-distance counting once); a probe is inside the manifold when it lies
 * within ({@code <=}) any ball. Precision: generated probes against the real manifold; recall: the reverse.
 *
 * <p>Distances are float16. The official code runs float16 {@code cdist} on CUDA; here they are the float64 distance
 * of the float16 values computed directly (not through {@code |a|^2 - 2ab + |b|^2}, which loses bits), rounded to
 * float32 and then float16, the definition the fixture's CPU run used. Rows go in batches of {@code rowBatch} and
 * columns of {@code colBatch}, so memory stays at {@code rowBatch x colBatch} doubles whatever N is.
 */
public final class PrecisionRecall {
    private PrecisionRecall() {}

    /** Everything a check needs: radii and per-probe decisions of both directions. */
    public record Result(double precision, double recall, Tensor kthReal, Tensor kthGen, Tensor predPrecision, Tensor predRecall) {}

    public static Result compute(Tensor realFeatures, Tensor genFeatures, int nhoodSize, int rowBatch, int colBatch) {
        Tensor real = realFeatures.to(ScalarType.Half), gen = genFeatures.to(ScalarType.Half);
        Tensor kthReal = radii(real, nhoodSize, rowBatch, colBatch);
        Tensor kthGen = radii(gen, nhoodSize, rowBatch, colBatch);
        Tensor predP = inside(gen, real, kthReal, rowBatch, colBatch);
        Tensor predR = inside(real, gen, kthGen, rowBatch, colBatch);
        return new Result(mean(predP), mean(predR), kthReal, kthGen, predP, predR);
    }

    /** float16 [N]: the (k+1)-th smallest distance of each manifold row to all manifold rows (itself included). */
    public static Tensor radii(Tensor manifold, int nhoodSize, int rowBatch, int colBatch) {
        List<Tensor> out = new ArrayList<>();
        for (long r = 0; r < manifold.size(0); r += rowBatch) {
            Tensor rows = manifold.narrow(0, r, Math.min(rowBatch, manifold.size(0) - r));
            Tensor d = distances(rows, manifold, colBatch);
            out.add(d.to(ScalarType.Float).kthvalue(nhoodSize + 1, 1, false).get0().to(ScalarType.Half));
        }
        return Tensors.cat(out, 0);
    }

    /** bool [P]: probe i lies within some manifold ball, {@code dist(probe, m_j) <= radius_j}. */
    public static Tensor inside(Tensor probes, Tensor manifold, Tensor radii, int rowBatch, int colBatch) {
        List<Tensor> out = new ArrayList<>();
        for (long r = 0; r < probes.size(0); r += rowBatch) {
            Tensor rows = probes.narrow(0, r, Math.min(rowBatch, probes.size(0) - r));
            out.add(distances(rows, manifold, colBatch).le(radii.unsqueeze(0)).any(1));
        }
        return Tensors.cat(out, 0);
    }

    /** min_j (dist(probe, m_j) - radius_j) in float32 per probe: <= 0 inside. For checks and debugging. */
    public static Tensor margins(Tensor probes, Tensor manifold, Tensor radii, int colBatch) {
        return distances(probes.to(ScalarType.Half), manifold.to(ScalarType.Half), colBatch).to(ScalarType.Float)
                .sub(radii.to(ScalarType.Float).unsqueeze(0)).amin(new long[] {1}, false);
    }

    /** float16 [R, C] distances of float16 rows to float16 columns, column batch by column batch. */
    public static Tensor distances(Tensor rows, Tensor cols, int colBatch) {
        Tensor r64 = rows.to(ScalarType.Double);
        List<Tensor> parts = new ArrayList<>();
        for (long c = 0; c < cols.size(0); c += colBatch) {
            Tensor c64 = cols.narrow(0, c, Math.min(colBatch, cols.size(0) - c)).to(ScalarType.Double);
            // compute mode 2 = donot_use_mm_for_euclid_dist: the direct sum of squared differences
            parts.add(torch.cdist(r64, c64, 2.0, new LongOptional(2)).to(ScalarType.Float).to(ScalarType.Half));
        }
        return Tensors.cat(parts, 1);
    }

    private static double mean(Tensor pred) {
        return Tensors.item(pred.to(ScalarType.Float).mean());
    }
}
