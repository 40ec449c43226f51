package io.stylegan4j.nn;

import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Parameter initial values, drawn from libtorch's global generator (seed it with {@code torch.manual_seed}). */
final class Init {
    private Init() {}

    static Tensor randn(Device d, long... shape) {
        return torch.randn(shape, Tensors.options(d));
    }

    static Tensor full(Device d, double v, long... shape) {
        return torch.full(shape, Tensors.scalar(v), Tensors.options(d));
    }
}
