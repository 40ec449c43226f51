package io.stylegan4j.analysis;

import io.stylegan4j.model.Architecture;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.ConvForm;
import io.stylegan4j.ops.Fir;
import io.stylegan4j.ops.StepScope;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.ops.Upfirdn2d;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * StyleGAN2 Figure 8: how much each resolution's tRGB output contributes to the final image of a skip generator.
 * Each block's RGB is upsampled to the output size along the same path the synthesis takes (so the share counts
 * what the image actually receives), its standard deviation over pixels and channels is taken per image and
 * averaged, and the shares are those standard deviations divided by their sum. A well-trained generator at the
 * paper's capacity shifts its share towards the highest resolutions as training goes on.
 */
public final class TorgbContributions {
    private TorgbContributions() {}

    /**
     * resolution -> share (sums to 1), from {@code samples} random z (torch seed {@code seed}), stored noise.
     * {@code label}: null for an unconditional G, else one one-hot row for every sample or [samples, c_dim].
     */
    public static Map<Integer, Double> measure(Generator g, Tensor label, int samples, long seed, Device device) {
        if (g.cfg.architecture() != Architecture.SKIP)
            throw new IllegalArgumentException("tRGB contributions need a skip generator (one tRGB per resolution); this one is "
                    + g.cfg.architecture().name().toLowerCase() + ", whose image comes from the last tRGB alone");
        int res = g.cfg.imgResolution();
        Fir fir = Fir.binomial(device);
        Map<Integer, Double> std = new LinkedHashMap<>();
        try (StepScope scope = StepScope.inference()) {
            torch.manual_seed(seed);
            Tensor z = torch.randn(new long[] {samples, g.cfg.zDim()}, Tensors.options(device));
            Tensor c = label == null ? null : label.size(0) == 1 ? label.expand(samples, label.size(1)) : label;
            Tensor ws = g.mapping.forward(z, c, Truncation.NONE, false);
            List<Tensor> parts = new ArrayList<>();
            g.synthesis.forwardBlocks(ws, Noise.CONST, ConvForm.AUTO, parts);
            for (Tensor rgb : parts) {
                int r = (int) rgb.size(2);
                Tensor up = rgb.to(org.bytedeco.pytorch.global.torch.ScalarType.Float);
                while (up.size(2) < res) up = Upfirdn2d.upsample2d(up, fir);
                double s = Tensors.item(up.reshape(samples, -1).std(1).mean());
                std.put(r, s);
            }
        }
        double total = std.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<Integer, Double> share = new LinkedHashMap<>();
        std.forEach((r, s) -> share.put(r, total > 0 ? s / total : 0));
        return share;
    }
}
