package io.stylegan4j.metrics;

import io.stylegan4j.ops.Tensors;
import io.stylegan4j.random.NumpyRandom;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Kernel Inception Distance (Bińkowski et al. 2018) as the official code computes it: the unbiased MMD^2 with the
 * cubic polynomial kernel {@code (x.y / n + 1)^3} (n = feature dimension), averaged over random subsets of
 * {@code m = min(N_real, N_gen, max_subset_size)} rows, the generated subset drawn before the real one. Kernel
 * matrices are float32 (as numpy's on float32 features); the sums are taken in float64.
 */
public final class Kid {
    private Kid() {}

    /** Subset row indices: gen[i] and real[i] for subset i, as the official {@code np.random.choice} calls draw them. */
    public record Subsets(int[][] gen, int[][] real) {
        public static Subsets draw(NumpyRandom rng, int numGen, int numReal, int numSubsets, int maxSubsetSize) {
            int m = subsetSize(numGen, numReal, maxSubsetSize);
            int[][] g = new int[numSubsets][], r = new int[numSubsets][];
            for (int i = 0; i < numSubsets; i++) {
                g[i] = rng.choiceWithoutReplacement(numGen, m);
                r[i] = rng.choiceWithoutReplacement(numReal, m);
            }
            return new Subsets(g, r);
        }
    }

    static int subsetSize(long numGen, long numReal, int maxSubsetSize) {
        return (int) Math.min(Math.min(numGen, numReal), maxSubsetSize);
    }

    /** The per-subset terms {@code (sum a - tr a) / (m - 1) - 2 sum b / m}; KID is their mean divided by m. */
    public static double[] subsetTerms(Tensor gen, Tensor real, Subsets s) {
        long n = gen.size(1);
        Tensors.assertShape(real, "KID real features", -1, n);
        double[] t = new double[s.gen().length];
        for (int i = 0; i < t.length; i++) {
            int m = s.gen()[i].length;
            Tensor x = gen.index_select(0, Tensors.fromLongs(s.gen()[i], gen.device())).to(ScalarType.Float);
            Tensor y = real.index_select(0, Tensors.fromLongs(s.real()[i], real.device())).to(ScalarType.Float);
            try (PointerScope scope = new PointerScope()) {
                // a = k(x, x) + k(y, y) is summed as two sums: the same float32 kernels, one addition fewer per entry
                double sumA = sum64(kernel(x, x, n)) + sum64(kernel(y, y, n));
                double diagA = sum64(selfKernel(x, n)) + sum64(selfKernel(y, n));
                t[i] = (sumA - diagA) / (m - 1) - sum64(kernel(x, y, n)) * 2 / m;
            }
        }
        return t;
    }

    public static double fromTerms(double[] terms, int m) {
        double sum = 0;
        for (double v : terms) sum += v;
        return sum / terms.length / m;
    }

    public static double compute(Tensor gen, Tensor real, Subsets s) {
        return fromTerms(subsetTerms(gen, real, s), s.gen()[0].length);
    }

    /** (x y^T / n + 1)^3 in float32: one fused GEMM (1 + x y^T / n), then an in-place cube. */
    private static Tensor kernel(Tensor x, Tensor y, long n) {
        Tensor ones = torch.ones(new long[] {1, 1}, Tensors.options(x.device()));
        return torch.addmm(ones, x, y.t(), Tensors.scalar(1), Tensors.scalar(1.0 / n)).pow_(Tensors.scalar(3));
    }

    /** The diagonal of kernel(x, x): (|x_i|^2 / n + 1)^3. */
    private static Tensor selfKernel(Tensor x, long n) {
        return x.square().sum(new long[] {1}, false, new ScalarTypeOptional()).div(Tensors.scalar(n)).add(Tensors.scalar(1)).pow(Tensors.scalar(3));
    }

    private static double sum64(Tensor t) {
        return Tensors.item(t.sum(new ScalarTypeOptional(ScalarType.Double)));
    }
}
