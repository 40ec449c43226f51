package io.stylegan4j.checkpoint;

import io.stylegan4j.io.SafeTensors;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * The TF layouts of StyleGAN v1 / ProGAN variables and our PyTorch ones, under the same official names. The class
 * follows from the name and rank: a 4-D {@code .../weight} is a conv kernel ([kh, kw, in, out] in TF, [out, in, kh,
 * kw] here), a 2-D one a dense matrix ([in, out] in TF, [out, in] here; ProGAN's {@code 4x4/Dense} too, since its
 * [in, C*16] output is reshaped NCHW on both sides); everything else (biases, noise scales and images, the constant,
 * {@code dlatent_avg}, {@code lod}) is identical. TF conv2d and torch conv2d are both cross-correlations: no flip.
 */
public final class TfLayouts {
    private TfLayouts() {}

    public enum Layout { IDENTITY, CONV, DENSE }

    public static Layout of(String name, int rank) {
        boolean weight = name.equals("weight") || name.endsWith("/weight");
        if (weight && rank == 4) return Layout.CONV;
        if (weight && rank == 2) return Layout.DENSE;
        return Layout.IDENTITY;
    }

    public static Tensor toNative(String name, Tensor tf) {
        return switch (of(name, (int) tf.dim())) {
            case CONV -> tf.permute(3, 2, 0, 1).contiguous();
            case DENSE -> tf.t().contiguous();
            case IDENTITY -> tf;
        };
    }

    public static Tensor toTf(String name, Tensor mine) {
        return switch (of(name, (int) mine.dim())) {
            case CONV -> mine.permute(2, 3, 1, 0).contiguous();
            case DENSE -> mine.t().contiguous();
            case IDENTITY -> mine;
        };
    }

    /** Every tensor of a file of TF-layout variables, converted to our layouts, as float32 on {@code device}. */
    public static Map<String, Tensor> readTf(SafeTensors file, Device device) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : file.names()) out.put(name, toNative(name, StateDicts.tensor(file, name, device)));
        return out;
    }
}
