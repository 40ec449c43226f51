package io.stylegan4j.data;

import io.stylegan4j.io.Uint8Image;

/**
 * Antialiased Lanczos-3 resampling, the same scheme as PIL's {@code resize(..., LANCZOS)} that NVlabs'
 * dataset_tool uses: when shrinking, the kernel is widened by the scale factor so every source pixel contributes
 * (no aliasing from point sampling); separable, horizontal then vertical, in float.
 */
public final class Resampler {
    private static final double SUPPORT = 3.0;

    private Resampler() {}

    /** The official dataset_tool's --resize-filter choices, PIL's BOX and LANCZOS (its default). */
    public enum Filter {
        BOX(0.5), LANCZOS(SUPPORT);

        final double support;

        Filter(double support) {
            this.support = support;
        }

        double weight(double x) {
            return this == LANCZOS ? lanczos(x) : (x > -0.5 && x <= 0.5 ? 1 : 0);
        }

        public static Filter parse(String name) {
            for (Filter f : values()) if (f.name().equalsIgnoreCase(name)) return f;
            throw new IllegalArgumentException("--resize-filter must be box or lanczos, got '" + name + "'");
        }
    }

    /** Resizes the whole image. */
    public static Uint8Image resize(Uint8Image src, int outW, int outH) {
        return resize(src, 0, 0, src.width(), src.height(), outW, outH);
    }

    /** Resizes the region (x0, y0, w, h) with Lanczos-3. */
    public static Uint8Image resize(Uint8Image src, int x0, int y0, int w, int h, int outW, int outH) {
        return resize(src, x0, y0, w, h, outW, outH, Filter.LANCZOS);
    }

    /** Resizes the region (x0, y0, w, h) of {@code src}; pixels outside the region are not used (crop, then resize). */
    public static Uint8Image resize(Uint8Image src, int x0, int y0, int w, int h, int outW, int outH, Filter filter) {
        if (x0 < 0 || y0 < 0 || w <= 0 || h <= 0 || x0 + w > src.width() || y0 + h > src.height()) {
            throw new IllegalArgumentException("region " + x0 + "," + y0 + " " + w + "x" + h + " is outside the " + src.width() + "x" + src.height() + " image");
        }
        if (outW <= 0 || outH <= 0) {
            throw new IllegalArgumentException("output size must be positive, got " + outW + "x" + outH);
        }
        int c = src.channels();
        Kernel kx = new Kernel(w, outW, filter);
        Kernel ky = new Kernel(h, outH, filter);
        byte[] in = src.pixels();
        int sw = src.width();
        int sh = src.height();
        byte[] out = new byte[c * outH * outW];
        float[] tmp = new float[h * outW];
        for (int ch = 0; ch < c; ch++) {
            int planeIn = ch * sh * sw;
            for (int y = 0; y < h; y++) {
                int row = planeIn + (y0 + y) * sw + x0;
                for (int ox = 0; ox < outW; ox++) {
                    int start = kx.start[ox];
                    float[] wts = kx.weights[ox];
                    float acc = 0;
                    for (int k = 0; k < wts.length; k++) {
                        acc += wts[k] * (in[row + start + k] & 0xff);
                    }
                    tmp[y * outW + ox] = acc;
                }
            }
            int planeOut = ch * outH * outW;
            for (int oy = 0; oy < outH; oy++) {
                int start = ky.start[oy];
                float[] wts = ky.weights[oy];
                for (int ox = 0; ox < outW; ox++) {
                    float acc = 0;
                    for (int k = 0; k < wts.length; k++) {
                        acc += wts[k] * tmp[(start + k) * outW + ox];
                    }
                    int v = Math.round(acc);
                    // Lanczos lobes overshoot near edges; clamp rather than wrap.
                    out[planeOut + oy * outW + ox] = (byte) (v < 0 ? 0 : Math.min(v, 255));
                }
            }
        }
        return new Uint8Image(c, outH, outW, out);
    }

    /** Per output pixel: the first source pixel and normalised weights (PIL's precompute_coeffs). */
    private static final class Kernel {
        final int[] start;
        final float[][] weights;

        Kernel(int inSize, int outSize, Filter filter) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filter.support * filterScale;
            start = new int[outSize];
            weights = new float[outSize][];
            for (int o = 0; o < outSize; o++) {
                double center = (o + 0.5) * scale;
                int lo = Math.max((int) (center - support + 0.5), 0);
                int hi = Math.min((int) (center + support + 0.5), inSize);
                double[] w = new double[hi - lo];
                double sum = 0;
                for (int k = 0; k < w.length; k++) {
                    w[k] = filter.weight((lo + k - center + 0.5) / filterScale);
                    sum += w[k];
                }
                float[] f = new float[w.length];
                for (int k = 0; k < w.length; k++) {
                    f[k] = (float) (sum == 0 ? 0 : w[k] / sum);
                }
                start[o] = lo;
                weights[o] = f;
            }
        }
    }

    private static double lanczos(double x) {
        if (x <= -SUPPORT || x >= SUPPORT) {
            return 0;
        }
        return sinc(x) * sinc(x / SUPPORT);
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }
}
