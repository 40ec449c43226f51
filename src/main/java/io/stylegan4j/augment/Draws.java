package io.stylegan4j.augment;

import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.global.torch;

/**
 * Where the pipeline's random numbers come from, in the official call order (one call per torch.rand/torch.randn
 * of {@code augment.py}). Training draws from libtorch's default CPU generator, whose state the checkpoint saves;
 * the parity test replays the draws the official pipeline recorded.
 */
public interface Draws {
    /** n values uniform in [0, 1) (torch.rand). */
    float[] uniform(int n);

    /** n standard normal values (torch.randn). */
    float[] normal(int n);

    /** libtorch's default CPU generator. */
    static Draws libtorch() {
        return new Draws() {
            @Override
            public float[] uniform(int n) {
                return Tensors.toFloats(torch.rand(n));
            }

            @Override
            public float[] normal(int n) {
                return Tensors.toFloats(torch.randn(n));
            }
        };
    }
}
