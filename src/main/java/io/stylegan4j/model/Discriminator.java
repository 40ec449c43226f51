package io.stylegan4j.model;

import io.stylegan4j.nn.Module;
import io.stylegan4j.ops.Fir;
import io.stylegan4j.ops.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * D: blocks b{res} ... b8 then the 4x4 epilogue; logits [N, 1]. Names match the official state dict. With
 * c_dim > 0 it is class-conditional: a {@link DiscriminatorMapping} turns the label into cmap (width = D's 4x4
 * channels, the official default) and the logit is the projection of the features onto it.
 */
public final class Discriminator extends Module {
    public final DiscriminatorConfig cfg;
    private final List<DiscriminatorBlock> blocks = new ArrayList<>();
    private final DiscriminatorEpilogue epilogue;
    private final DiscriminatorMapping mapping;
    private volatile boolean channelsLast;

    public Discriminator(DiscriminatorConfig cfg, Device d) {
        this.cfg = cfg;
        try (PointerScope scope = new PointerScope()) { // frees the initializers' temporaries now; what D keeps is retained
            Fir fir = own(cfg.downsample() == DiscriminatorConfig.Downsample.STRIDE ? Fir.identity(d) : Fir.binomial(d));
            for (int res = cfg.imgResolution(); res > 4; res /= 2) {
                int in = res < cfg.imgResolution() ? cfg.channels(res) : 0;
                blocks.add(child("b" + res, new DiscriminatorBlock(in, cfg.channels(res), cfg.channels(res / 2), res, cfg, fir, d)));
            }
            int cmapDim = cfg.cDim() > 0 ? cfg.channels(4) : 0;
            this.mapping = cfg.cDim() > 0 ? child("mapping", new DiscriminatorMapping(cfg.cDim(), cmapDim, d)) : null;
            this.epilogue = child("b4", new DiscriminatorEpilogue(cfg.channels(4), cmapDim, cfg, fir, d));
        }
    }

    /** Runs the convolutions on NHWC activations (the input image is converted; oneDNN keeps the format). */
    public void setChannelsLast(boolean on) {
        channelsLast = on;
    }

    /** The label mapping of a conditional D (null when unconditional). */
    public DiscriminatorMapping labelMapping() {
        return mapping;
    }

    /** Logits of an unconditional D. */
    public Tensor forward(Tensor img) {
        return forward(img, null);
    }

    /** @param c [N, c_dim] labels (one-hot for classes) when conditional, else null */
    public Tensor forward(Tensor img, Tensor c) {
        Tensors.assertShape(img, "Discriminator input", -1, cfg.imgChannels(), cfg.imgResolution(), cfg.imgResolution());
        if ((mapping != null) != (c != null))
            throw new IllegalArgumentException(mapping != null ? "this discriminator is conditional (c_dim " + cfg.cDim() + "): pass a label"
                    : "this discriminator is unconditional: it takes no label");
        Tensor cmap = mapping == null ? null : mapping.forward(c);
        if (channelsLast) img = img.contiguous(org.bytedeco.pytorch.global.torch.MemoryFormat.ChannelsLast);
        Tensor x = null;
        for (DiscriminatorBlock b : blocks) {
            DiscriminatorBlock.Output o = b.forward(x, img);
            x = o.x();
            img = o.img();
        }
        return epilogue.forward(x, img, cmap);
    }
}
