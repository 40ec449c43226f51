package io.stylegan4j.ops;

/** The activations StyleGAN uses, with the official default gains (lrelu: alpha 0.2, gain sqrt 2). */
public enum Activation {
    LINEAR(0, 1),
    LRELU(0.2, Math.sqrt(2));

    public final double alpha;
    public final double defaultGain;

    Activation(double alpha, double defaultGain) {
        this.alpha = alpha;
        this.defaultGain = defaultGain;
    }
}
