package io.stylegan4j.nn;

import io.stylegan4j.ops.Activation;
import io.stylegan4j.ops.BiasAct;
import io.stylegan4j.ops.ConvForm;
import io.stylegan4j.ops.Fir;
import io.stylegan4j.ops.ModulatedConv2d;
import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * One StyleGAN2 style block (Figure 2c): a learned affine A turns w into per-channel styles, the modulated and
 * demodulated 3x3 conv, then noise B scaled by a learned strength, then bias and leaky ReLU; noise and bias sit
 * outside the style block, as the paper moves them.
 */
public final class SynthesisLayer extends Module {
    public final int in, out, resolution, up;
    private final double convClamp;
    private final Fir fir;
    private final FullyConnectedLayer affine;
    private final Tensor weight, bias;
    private final NoiseInjection noise;

    /** @param layer this layer's index among the synthesis layers (its ws index; its noise's index in explicit {@link Noise}) */
    public SynthesisLayer(int in, int out, int wDim, int resolution, int up, int layer, boolean useNoise, Fir fir, double convClamp, Device d) {
        this.in = in;
        this.out = out;
        this.resolution = resolution;
        this.up = up;
        this.fir = fir;
        this.convClamp = convClamp;
        // Registration order is the official state-dict order: weight, noise_strength, bias; buffer noise_const.
        this.weight = param("weight", Init.randn(d, out, in, 3, 3));
        this.noise = useNoise ? new NoiseInjection(this, layer, resolution, d) : null;
        this.bias = param("bias", Init.full(d, 0, out));
        constant("resample_filter", fir.filter2d());
        this.affine = child("affine", new FullyConnectedLayer(wDim, in, true, Activation.LINEAR, 1, 1, d));
    }

    /**
     * @param form AUTO = shared weight: measured faster for these 3x3 convs at 64 px batch 8 (512 channels) in f32
     *             (2.6 vs 2.9 s for all layers) and much faster in bf16, where oneDNN's AMX path wants one large conv
     *             (1.2 vs 1.6 s); SynthesisProfile (stylegan4j bench --profile) prints the per-layer table.
     */
    public Tensor forward(Tensor x, Tensor w, Noise noiseSpec, ConvForm form, double gain) {
        Tensors.assertShape(x, "SynthesisLayer input", -1, in, resolution / up, resolution / up);
        Tensor styles = affine.forward(w);
        Tensor n = noise == null ? null : noise.noise(noiseSpec, x);
        ModulatedConv2d.Spec spec = up == 1 ? ModulatedConv2d.Spec.same3x3() : ModulatedConv2d.Spec.up3x3();
        x = ModulatedConv2d.modulatedConv2d(x, weight, styles, n, fir, spec, form.grouped(false));
        return BiasAct.biasAct(x, bias, Activation.LRELU, Activation.LRELU.defaultGain * gain, convClamp * gain);
    }

    /** The layer's noise injection (strength and stored realization), or null when the generator has no noise. */
    public NoiseInjection noise() {
        return noise;
    }
}
