package io.stylegan4j.nn;

import io.stylegan4j.ops.Fir;
import io.stylegan4j.ops.Upfirdn2d;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * The low-pass filter StyleGAN v1 applies after each upsampling conv and before each downsampling conv ("bilinear"
 * resampling in the paper, Table 1 B): depthwise {@code [1,2,1] x [1,2,1] / 16} with zero padding 1, through the
 * existing upfirdn2d (the filter is symmetric, so correlation and convolution agree). Owned by the module that uses it.
 */
public final class Blur implements AutoCloseable {
    private final Fir fir;

    public Blur(Device device) {
        this.fir = new Fir(new double[] {1, 2, 1}, device);
    }

    public Tensor apply(Tensor x) {
        return Upfirdn2d.upfirdn2d(x, fir, 1, 1, new int[] {1, 1, 1, 1}, false, 1);
    }

    /** Frees the filter's taps; the module that built this blur owns it ({@code Module#own}). */
    @Override
    public void close() {
        fir.close();
    }
}
