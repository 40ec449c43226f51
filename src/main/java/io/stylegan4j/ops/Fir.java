package io.stylegan4j.ops;

import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A separable FIR low-pass filter as StyleGAN uses it for resampling: the 2-D filter is the outer product of
 * {@code taps} normalized to sum 1 ({@code setup_filter([1,3,3,1])} in the official code). Tensors are built once
 * per device so the hot path never re-uploads them; the filter owns them (retained, so it may be built inside a
 * step's {@code PointerScope}) until {@link #close}, which the module that built it calls.
 */
public final class Fir implements AutoCloseable {
    private final int size;
    private final Tensor f2d;   // [k, k], sum 1
    private final Tensor f1d;   // [k], sum 1; f2d = outer(f1d, f1d)
    private final ConcurrentHashMap<ScalarType, Tensor> f1dCast = new ConcurrentHashMap<>();

    public Fir(double[] taps, Device device) {
        if (taps.length == 0) throw new IllegalArgumentException("filter needs at least one tap");
        this.size = taps.length;
        double s = 0;
        for (double t : taps) s += t;
        int k = taps.length;
        float[] one = new float[k];
        float[] two = new float[k * k];
        for (int i = 0; i < k; i++) one[i] = (float) (taps[i] / s);
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) two[i * k + j] = (float) (taps[i] * taps[j] / (s * s));
        this.f1d = Tensors.fromFloats(one, new long[] {k}, device);
        this.f2d = Tensors.fromFloats(two, new long[] {k, k}, device);
        f1d.retainReference();
        f2d.retainReference();
    }

    /** The StyleGAN default [1,3,3,1] (a binomial filter: bilinear-like resampling without aliasing). */
    public static Fir binomial(Device device) {
        return new Fir(new double[] {1, 3, 3, 1}, device);
    }

    /** The one-tap filter: resampling with it is plain zero insertion or subsampling (no low-pass). */
    public static Fir identity(Device device) {
        return new Fir(new double[] {1}, device);
    }

    public int size() {
        return size;
    }

    public Tensor filter2d() {
        return f2d;
    }

    /**
     * The 1-D filter in the activation's dtype (conv2d needs input and weight alike), cast once per dtype. Retained:
     * the first call may happen inside a step's {@code PointerScope}, which must not free the cached copy.
     */
    public Tensor filter1d(ScalarType dtype) {
        dtype = dtype.intern(); // JavaCPP hands out fresh enum objects from native calls; == and hashing need the constant
        if (dtype == ScalarType.Float) return f1d;
        return f1dCast.computeIfAbsent(dtype, t -> {
            Tensor c = f1d.to(t);
            c.retainReference();
            return c;
        });
    }

    /** Releases the taps and their per-dtype copies; the filter is unusable afterwards. */
    @Override
    public void close() {
        f1d.releaseReference();
        f2d.releaseReference();
        f1dCast.values().forEach(Tensor::releaseReference);
        f1dCast.clear();
    }
}
