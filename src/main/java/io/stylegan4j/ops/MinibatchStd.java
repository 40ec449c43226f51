package io.stylegan4j.ops;

import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Minibatch standard deviation (ProGAN, kept by StyleGAN 1 and 2): appends, per group of samples, the average
 * standard deviation of the features as extra channels, so D can see a lack of variety. Groups interleave as in
 * the official reshape: sample i falls in group i % (N / G).
 */
public final class MinibatchStd {
    private MinibatchStd() {}

    public static Tensor minibatchStd(Tensor x, int groupSize, int numChannels) {
        Tensors.assertShape(x, "minibatch stddev input", -1, -1, -1, -1);
        long n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        long g = groupSize <= 0 ? n : Math.min(groupSize, n);
        if (n % g != 0)
            throw new IllegalArgumentException("minibatch stddev: batch " + n + " is not a multiple of the group size " + g
                    + "; use a batch size divisible by --mbstd-group");
        long f = numChannels, cf = c / f;
        Tensor y = x.reshape(g, -1, f, cf, h, w);
        y = y.sub(y.mean(new long[] {0}, false, new ScalarTypeOptional()));
        y = y.square().mean(new long[] {0}, false, new ScalarTypeOptional());
        y = y.add(Tensors.scalar(1e-8)).sqrt();
        y = y.mean(new long[] {2, 3, 4}, false, new ScalarTypeOptional());
        y = y.reshape(-1, f, 1, 1).repeat(g, 1, h, w);
        return torch.cat(new TensorVector(x, y), 1);
    }
}
