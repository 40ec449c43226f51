package io.stylegan4j.train;

import io.stylegan4j.model.Discriminator;
import io.stylegan4j.ops.Tensors;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The two gradient penalties, exactly as the official loss defines them. Both return tensors that keep their
 * graph, so backpropagating a loss built on them puts the second-order gradient into the parameters.
 */
public final class Regularizers {
    private Regularizers() {}

    /** D's logits on the reals, d logits.sum() / d reals, and the R1 penalty per sample (before gamma/2). */
    public record R1(Tensor logits, Tensor grads, Tensor penalty) {}

    /** R1 (Mescheder et al. 2018): ||grad_x D(x)||^2 on real images. */
    public static R1 r1Penalty(Discriminator d, Tensor reals) {
        return r1Penalty(d, reals, null);
    }

    /** As {@link #r1Penalty(Discriminator, Tensor)} for a conditional D, with the reals' labels {@code c}. */
    public static R1 r1Penalty(Discriminator d, Tensor reals, Tensor c) {
        return r1Penalty(x -> d.forward(x, c), reals);
    }

    /**
     * R1 of any critic images -> logits (a v1 D at a given lod, D behind the augmentation): the gradient is taken with
     * respect to the reals before the critic's own transformations, as the official loss does.
     */
    public static R1 r1Penalty(UnaryOperator<Tensor> d, Tensor reals) {
        Tensor x = reals.detach().requires_grad_(true);
        Tensor logits = d.apply(x);
        Tensor s = logits.sum();
        Tensor g = Tensors.grad(s, torch.ones_like(s), true, x)[0];
        return new R1(logits, g, g.square().sum(new long[] {1, 2, 3}, false, new ScalarTypeOptional()));
    }

    /** D's logits on the interpolates, their gradient, its L2 norm per sample, and (norm - target)^2 per sample. */
    public record GradientPenalty(Tensor logits, Tensor grads, Tensor norms, Tensor penalty) {}

    /**
     * WGAN-GP (Gulrajani et al. 2017) on given interpolates {@code mixed} (reals lerped toward fakes): the penalty
     * before its weight lambda / target^2, as the official {@code D_wgan_gp} computes it.
     */
    public static GradientPenalty wganGradientPenalty(UnaryOperator<Tensor> d, Tensor mixed, double target) {
        Tensor x = mixed.detach().requires_grad_(true);
        Tensor logits = d.apply(x);
        Tensor s = logits.sum();
        Tensor g = Tensors.grad(s, torch.ones_like(s), true, x)[0];
        Tensor norm = g.square().sum(new long[] {1, 2, 3}, false, new ScalarTypeOptional()).sqrt();
        return new GradientPenalty(logits, g, norm, norm.sub(Tensors.scalar(target)).square());
    }

    /** J_w^T y for image-space noise y, and its length per sample: sqrt(mean over layers of sum over w-dims). */
    public record PathLengths(Tensor grads, Tensor lengths) {}

    /**
     * StyleGAN2 Section 3.2. {@code plNoise} is N(0,1) / sqrt(H*W) of the image's shape, so the length does not
     * depend on resolution; {@code ws} must be the graph input the images were synthesised from.
     */
    public static PathLengths pathLengths(Tensor img, Tensor ws, Tensor plNoise) {
        Tensor s = img.mul(plNoise).sum();
        Tensor g = Tensors.grad(s, torch.ones_like(s), true, ws)[0];
        Tensor len = g.square().sum(new long[] {2}, false, new ScalarTypeOptional())
                .mean(new long[] {1}, false, new ScalarTypeOptional()).sqrt();
        return new PathLengths(g, len);
    }

    /** New running mean a = lerp(prev, mean(lengths), decay) (attached to the graph) and the penalty (len - a)^2. */
    public record PathLengthPenalty(Tensor plMean, Tensor penalty) {}

    public static PathLengthPenalty pathLengthPenalty(Tensor lengths, Tensor plMeanPrev, double decay) {
        Tensor mean = plMeanPrev.lerp(lengths.mean(), Tensors.scalar(decay));
        return new PathLengthPenalty(mean, lengths.sub(mean).square());
    }

    /** Image-space noise for the path-length regularizer: N(0,1) / sqrt(H*W) shaped like {@code img}. */
    public static Tensor pathLengthNoise(Tensor img) {
        return torch.randn_like(img).div(Tensors.scalar(Math.sqrt((double) img.size(2) * img.size(3))));
    }
}
