package io.stylegan4j.api;

import io.stylegan4j.nn.NoiseMode;

/**
 * How to render a latent: truncation, class, noise and style mixing, the knobs of the StyleGAN papers' figures.
 * Immutable; start from {@link #DEFAULT} and change what you need with the {@code with...} methods.
 *
 * @param psi        truncation psi (StyleGAN Section 3 / Appendix B): w' = w_avg + psi (w - w_avg); 1 = none
 * @param cutoff     truncate only the first {@code cutoff} ws; null = all (the official {@code truncation_cutoff})
 * @param classIndex the class of a conditional model (required there to map a seed or z; a w needs none); null for an unconditional one
 * @param noise      the per-pixel noise inputs: CONST (the stored buffers: a latent always gives the same image),
 *                   RANDOM (fresh noise drawn from {@code noiseSeed}) or NONE
 * @param noiseSeed  the seed of the RANDOM noise: the same seed gives the same noise, whatever thread renders it
 * @param mixSource  style mixing (StyleGAN Figure 3): the second latent, or null for no mixing
 * @param mixLayers  the ws indices taken from {@code mixSource} (mapped with the same class and truncation)
 */
public record Render(double psi, Integer cutoff, Integer classIndex, NoiseMode noise, long noiseSeed, Latent mixSource, Layers mixLayers) {
    /** psi 1 (no truncation), no class, CONST noise, no mixing. */
    public static final Render DEFAULT = new Render(1, null, null, NoiseMode.CONST, 0, null, null);

    public Render {
        if (!Double.isFinite(psi)) throw new IllegalArgumentException("psi must be a finite number, got " + psi);
        if (cutoff != null && cutoff < 0) throw new IllegalArgumentException("truncation cutoff must be >= 0, got " + cutoff);
        if (classIndex != null && classIndex < 0) throw new IllegalArgumentException("class must be >= 0, got " + classIndex);
        if (noise == null) throw new IllegalArgumentException("noise mode must be CONST, RANDOM or NONE, got null");
        if ((mixSource == null) != (mixLayers == null))
            throw new IllegalArgumentException("style mixing needs both a second latent and the layers to take from it");
    }

    public Render withPsi(double psi) {
        return new Render(psi, cutoff, classIndex, noise, noiseSeed, mixSource, mixLayers);
    }

    /** Truncation psi on the first {@code cutoff} ws (null = all). */
    public Render withTruncation(double psi, Integer cutoff) {
        return new Render(psi, cutoff, classIndex, noise, noiseSeed, mixSource, mixLayers);
    }

    public Render withClass(Integer classIndex) {
        return new Render(psi, cutoff, classIndex, noise, noiseSeed, mixSource, mixLayers);
    }

    public Render withNoise(NoiseMode noise) {
        return new Render(psi, cutoff, classIndex, noise, noiseSeed, mixSource, mixLayers);
    }

    /** RANDOM noise drawn from {@code noiseSeed}. */
    public Render withRandomNoise(long noiseSeed) {
        return new Render(psi, cutoff, classIndex, NoiseMode.RANDOM, noiseSeed, mixSource, mixLayers);
    }

    /** Takes the ws in {@code layers} from {@code source}; null, null removes the mix. */
    public Render withMix(Latent source, Layers layers) {
        return new Render(psi, cutoff, classIndex, noise, noiseSeed, source, layers);
    }
}
