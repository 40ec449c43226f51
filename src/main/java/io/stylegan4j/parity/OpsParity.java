package io.stylegan4j.parity;

import static io.stylegan4j.parity.Check.Kind.FORWARD;

import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.ops.Activation;
import io.stylegan4j.ops.BiasAct;
import io.stylegan4j.ops.Conv2dResample;
import io.stylegan4j.ops.Fir;
import io.stylegan4j.ops.MinibatchStd;
import io.stylegan4j.ops.ModulatedConv2d;
import io.stylegan4j.ops.ModulatedConv2d.Spec;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.ops.Upfirdn2d;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/** The standalone op checks of ops.safetensors, each computed by stylegan4j's op and compared. */
final class OpsParity {
    private OpsParity() {}

    static List<Check> run(FixtureFolder fx) {
        SafeTensors ops = fx.ops();
        Device dev = fx.device();
        List<Check> out = new ArrayList<>();
        Fir f = Fir.binomial(dev);
        out.add(Check.of("ops/filter", FORWARD, Tensors.toFloats(f.filter2d()), FixtureFolder.floats(ops, "filter")));

        Tensor upX = FixtureFolder.tensor(ops, "up_x", dev);
        out.add(cmp(ops, "upsample2d", Upfirdn2d.upsample2d(upX, f)));
        out.add(cmp(ops, "downsample2d", Upfirdn2d.downsample2d(upX, f)));
        out.add(cmp(ops, "upfirdn2d_up2_down1_pad", Upfirdn2d.upfirdn2d(upX, f, 2, 1, new int[] {2, 1, 1, 2}, false, 1)));

        Tensor x = FixtureFolder.tensor(ops, "mc_x", dev);
        Tensor w = FixtureFolder.tensor(ops, "mc_weight", dev);
        Tensor s = FixtureFolder.tensor(ops, "mc_styles", dev);
        Tensor noise = FixtureFolder.tensor(ops, "mc_noise_up2", dev);
        out.add(cmp(ops, "mc_out_up2", ModulatedConv2d.modulatedConv2d(x, w, s, null, f, Spec.up3x3(), true)));
        out.add(cmp(ops, "mc_out_up2_unfused", ModulatedConv2d.modulatedConv2d(x, w, s, null, f, Spec.up3x3(), false)));
        out.add(cmp(ops, "mc_out_up2_noise", ModulatedConv2d.modulatedConv2d(x, w, s, noise, f, Spec.up3x3(), true)));
        out.add(cmp(ops, "mc_out_up1", ModulatedConv2d.modulatedConv2d(x, w, s, null, f, Spec.same3x3(), true)));
        Tensor w1 = w.narrow(2, 1, 1).narrow(3, 1, 1);
        out.add(cmp(ops, "mc_out_nodemod_1x1", ModulatedConv2d.modulatedConv2d(x, w1, s, null, f, Spec.toRgb(), true)));

        Tensor cw = FixtureFolder.tensor(ops, "cd_weight", dev);
        out.add(cmp(ops, "conv_down2", Conv2dResample.conv2dResample(upX, cw, f, 1, 2, 1, 1, true)));
        out.add(cmp(ops, "conv_up2", Conv2dResample.conv2dResample(upX, cw, f, 2, 1, 1, 1, false)));

        Tensor bx = FixtureFolder.tensor(ops, "ba_x", dev);
        Tensor bb = FixtureFolder.tensor(ops, "ba_b", dev);
        out.add(cmp(ops, "ba_lrelu", BiasAct.biasAct(bx, bb, Activation.LRELU)));
        out.add(cmp(ops, "ba_lrelu_gain_clamp", BiasAct.biasAct(bx, bb, Activation.LRELU, Math.sqrt(0.5), 0.4)));

        String mbstd = "the mbstd_out check (MinibatchStdLayer(group_size, num_channels))";
        int group = fx.requiredInt("/ops_args/mbstd/group_size", mbstd), channels = fx.requiredInt("/ops_args/mbstd/num_channels", mbstd);
        out.add(cmp(ops, "mbstd_out", MinibatchStd.minibatchStd(FixtureFolder.tensor(ops, "mbstd_x", dev), group, channels)));
        return out;
    }

    private static Check cmp(SafeTensors ops, String name, Tensor actual) {
        return Check.of("ops/" + name, FORWARD, Tensors.toFloats(actual), FixtureFolder.floats(ops, name));
    }
}
