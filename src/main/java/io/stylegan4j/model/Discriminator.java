package io.stylegan4j.model;

import io.stylegan4j.nn.Module;
import io.stylegan4j.ops.Fir;
import io.stylegan4j.ops.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/** D: blocks b{res} ... b8 then the 4x4 epilogue; logits [N, 1]. Names match the official state dict. */
public final class Discriminator extends Module {
    public final DiscriminatorConfig cfg;
    private final List<DiscriminatorBlock> blocks = new ArrayList<>();
    private final DiscriminatorEpilogue epilogue;

    public Discriminator(DiscriminatorConfig cfg, Device d) {
        this.cfg = cfg;
        if (cfg.cDim() > 0)
            throw new IllegalArgumentException("class-conditional discriminators (c_dim > 0) are not supported yet; use c_dim 0");
        Fir fir = Fir.binomial(d);
        for (int res = cfg.imgResolution(); res > 4; res /= 2) {
            int in = res < cfg.imgResolution() ? cfg.channels(res) : 0;
            blocks.add(child("b" + res, new DiscriminatorBlock(in, cfg.channels(res), cfg.channels(res / 2), res, cfg, fir, d)));
        }
        this.epilogue = child("b4", new DiscriminatorEpilogue(cfg.channels(4), 0, cfg, fir, d));
    }

    public Tensor forward(Tensor img) {
        Tensors.assertShape(img, "Discriminator input", -1, cfg.imgChannels(), cfg.imgResolution(), cfg.imgResolution());
        Tensor x = null;
        for (DiscriminatorBlock b : blocks) {
            DiscriminatorBlock.Output o = b.forward(x, img);
            x = o.x();
            img = o.img();
        }
        return epilogue.forward(x, img, null);
    }
}
