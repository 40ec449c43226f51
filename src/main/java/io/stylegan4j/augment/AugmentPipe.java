package io.stylegan4j.augment;

import io.stylegan4j.ops.Autocast;
import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The augmentation pipeline of StyleGAN2-ADA (official {@code training/augment.py}, paper Appendix B): per image,
 * each enabled op is applied with probability {@code multiplier * p}. The geometric ops compose into one inverse
 * map per image, executed once: reflect-pad by the margin the map needs, upsample 2x with the orthogonal sym6
 * wavelet filter, resample bilinearly, downsample 2x with the same filter, so the resampling does not alias. The
 * colour ops compose into one 4x4 matrix per image. Everything on the image path is a differentiable libtorch op
 * (R1 through it needs second derivatives: see {@link GridSample}); the parameters are drawn from {@link Draws} in
 * the official order, so replaying the official draws reproduces its output.
 */
public final class AugmentPipe {
    /** Daubechies' symlet 6 low-pass taps (the official wavelets['sym6']). */
    static final double[] SYM6 = {0.015404109327027373, 0.0034907120842174702, -0.11799011114819057, -0.048311742585633,
        0.4910559419267466, 0.787641141030194, 0.3379294217276218, -0.07263752278646252, -0.021060292512300564,
        0.04472490177066578, 0.0017677118642428036, -0.007800708325034148};

    private static final double[] LUMA = {1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3), 0};

    private final AugmentSpec spec;
    private final int filterPad; // the official Hz_pad: a quarter of the filter length
    private final Device device;
    private float p; // float32, as the official buffer, so the ADA updates round the same way

    public AugmentPipe(AugmentSpec spec, float p, Device device) {
        this.spec = spec;
        this.device = device;
        this.filterPad = SYM6.length / 4;
        setP(p);
    }

    public float p() {
        return p;
    }

    public void setP(float p) {
        if (!(p >= 0)) throw new IllegalArgumentException("augmentation probability must be >= 0, got " + p);
        this.p = p;
    }

    /** Augments {@code images} [N, C, H, W] (C = 1 or 3) with draws from libtorch's default CPU generator. */
    public Tensor apply(Tensor images) {
        return apply(images, Draws.libtorch());
    }

    public Tensor apply(Tensor images, Draws r) {
        Tensors.assertShape(images, "augment input", -1, -1, -1, -1);
        long c = images.size(1);
        if (c != 1 && c != 3) throw new IllegalArgumentException("augmentation needs RGB or grayscale images, got " + c + " channels");
        try (Autocast f32 = Autocast.f32(device)) { // under bf16 training, G's images may come in bf16
            images = images.to(torch.ScalarType.Float);
            if (spec.anyGeometric()) images = geometric(images, r);
            if (spec.anyColor()) images = color(images, r);
            return images;
        }
    }

    /** The per-image probability threshold for an op: multiplier * p in float32, as the official tensor product. */
    private float gate(double multiplier) {
        return (float) multiplier * p;
    }

    private Tensor geometric(Tensor images, Draws r) {
        int n = (int) images.size(0);
        long h = images.size(2), w = images.size(3);
        double[][] g = new double[n][];
        for (int i = 0; i < n; i++) g[i] = Homogeneous.identity(3);
        AugmentSpec s = spec;

        if (s.xflip() > 0) {
            float[] v = r.uniform(n), u = r.uniform(n);
            for (int i = 0; i < n; i++) {
                double k = u[i] < gate(s.xflip()) ? Math.floor(v[i] * 2f) : 0;
                g[i] = Homogeneous.mul(g[i], Homogeneous.scale2d(1 / (1 - 2 * k), 1));
            }
        }
        if (s.rotate90() > 0) {
            float[] v = r.uniform(n), u = r.uniform(n);
            for (int i = 0; i < n; i++) {
                double k = u[i] < gate(s.rotate90()) ? Math.floor(v[i] * 4f) : 0;
                g[i] = Homogeneous.mul(g[i], Homogeneous.rotate2d(Math.PI / 2 * k));
            }
        }
        if (s.xint() > 0) {
            float[] v = r.uniform(2 * n), u = r.uniform(n);
            for (int i = 0; i < n; i++) {
                boolean on = u[i] < gate(s.xint());
                float tx = on ? (v[2 * i] * 2f - 1f) * (float) s.xintMax() : 0f;
                float ty = on ? (v[2 * i + 1] * 2f - 1f) * (float) s.xintMax() : 0f;
                // torch.round is round-half-even, as Math.rint; the product is float32 as in the official code.
                g[i] = Homogeneous.mul(g[i], Homogeneous.translate2d(-Math.rint(tx * w), -Math.rint(ty * h)));
            }
        }
        if (s.scale() > 0) {
            float[] v = r.normal(n), u = r.uniform(n);
            for (int i = 0; i < n; i++) {
                double sc = u[i] < gate(s.scale()) ? Math.pow(2, v[i] * s.scaleStd()) : 1;
                g[i] = Homogeneous.mul(g[i], Homogeneous.scale2d(1 / sc, 1 / sc));
            }
        }
        // Two independent rotations with p_rot each, so that P(pre or post) = rotate * p.
        float pRot = 1f - (float) Math.sqrt(Math.min(1f, Math.max(0f, 1f - gate(s.rotate()))));
        if (s.rotate() > 0) rotate(g, r, pRot);
        if (s.aniso() > 0) {
            float[] v = r.normal(n), u = r.uniform(n);
            for (int i = 0; i < n; i++) {
                double sc = u[i] < gate(s.aniso()) ? Math.pow(2, v[i] * s.anisoStd()) : 1;
                g[i] = Homogeneous.mul(g[i], Homogeneous.scale2d(1 / sc, sc));
            }
        }
        if (s.rotate() > 0) rotate(g, r, pRot);
        if (s.xfrac() > 0) {
            float[] v = r.normal(2 * n), u = r.uniform(n);
            for (int i = 0; i < n; i++) {
                boolean on = u[i] < gate(s.xfrac());
                double tx = on ? v[2 * i] * s.xfracStd() : 0, ty = on ? v[2 * i + 1] * s.xfracStd() : 0;
                g[i] = Homogeneous.mul(g[i], Homogeneous.translate2d(-tx * w, -ty * h));
            }
        }
        return execute(images, g);
    }

    private void rotate(double[][] g, Draws r, float pRot) {
        int n = g.length;
        float[] v = r.uniform(n), u = r.uniform(n);
        for (int i = 0; i < n; i++) {
            double theta = u[i] < pRot ? (v[i] * 2.0 - 1) * Math.PI * spec.rotateMax() : 0;
            g[i] = Homogeneous.mul(g[i], Homogeneous.rotate2d(theta));
        }
    }

    /** Pads, upsamples, resamples through the inverse maps {@code g} (output pixel -> input pixel), downsamples. */
    private Tensor execute(Tensor images, double[][] g) {
        int n = g.length;
        long h = images.size(2), w = images.size(3);
        // The margin: how far outside the image the corners of the output land, plus the filter's reach.
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        double[] m = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double[] gi : g)
            for (double[] corner : new double[][] {{-cx, -cy}, {cx, -cy}, {cx, cy}, {-cx, cy}}) {
                double[] q = Homogeneous.apply2d(gi, corner[0], corner[1]);
                m[0] = Math.max(m[0], -q[0]);
                m[1] = Math.max(m[1], -q[1]);
                m[2] = Math.max(m[2], q[0]);
                m[3] = Math.max(m[3], q[1]);
            }
        double[] limit = {w - 1, h - 1, w - 1, h - 1}, center = {cx, cy, cx, cy};
        int[] pad = new int[4]; // x0, y0, x1, y1
        for (int k = 0; k < 4; k++)
            pad[k] = (int) Math.ceil(Math.min(limit[k], Math.max(0, m[k] + filterPad * 2 - center[k])));

        images = torch.reflection_pad2d(images, pad[0], pad[2], pad[1], pad[3]);
        // 2x upsampling with the official upsample2d's padding and gain.
        int k0 = SYM6.length;
        images = FirMatrix.upfirdn2d(images, SYM6, 2, 1, new int[] {(k0 + 1) / 2, (k0 - 2) / 2, (k0 + 1) / 2, (k0 - 2) / 2}, false, 4, device);
        long outH = (h + filterPad * 2L) * 2, outW = (w + filterPad * 2L) * 2;
        double[][] theta = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] t = Homogeneous.mul(Homogeneous.translate2d((pad[0] - pad[2]) / 2.0, (pad[1] - pad[3]) / 2.0), g[i]);
            t = Homogeneous.mul(Homogeneous.mul(Homogeneous.scale2d(2, 2), t), Homogeneous.scale2d(0.5, 0.5));
            t = Homogeneous.mul(Homogeneous.mul(Homogeneous.translate2d(-0.5, -0.5), t), Homogeneous.translate2d(0.5, 0.5));
            // To affine_grid's normalized coordinates: output [-1, 1] -> pixels, input pixels -> [-1, 1].
            t = Homogeneous.mul(Homogeneous.scale2d(2.0 / images.size(3), 2.0 / images.size(2)), t);
            t = Homogeneous.mul(t, Homogeneous.scale2d(outW / 2.0, outH / 2.0));
            theta[i] = java.util.Arrays.copyOf(t, 6);
        }
        images = GridSample.sample(images, theta, outH, outW);
        // Downsample by 2 and crop the filter padding back off: correlation with the same filter (flip_filter=True).
        int k = SYM6.length, crop = -filterPad * 2;
        return FirMatrix.upfirdn2d(images, SYM6, 1, 2,
                new int[] {crop + (k - 1) / 2, crop + (k - 2) / 2, crop + (k - 1) / 2, crop + (k - 2) / 2}, true, 1, device);
    }

    private Tensor color(Tensor images, Draws r) {
        int n = (int) images.size(0);
        long c = images.size(1), h = images.size(2), w = images.size(3);
        AugmentSpec s = spec;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) m[i] = Homogeneous.identity(4);
        double[] vv = Homogeneous.outer(LUMA);

        if (s.brightness() > 0) {
            float[] v = r.normal(n), u = r.uniform(n);
            for (int i = 0; i < n; i++) {
                double b = u[i] < gate(s.brightness()) ? v[i] * s.brightnessStd() : 0;
                m[i] = Homogeneous.mul(Homogeneous.translate3d(b, b, b), m[i]);
            }
        }
        if (s.contrast() > 0) {
            float[] v = r.normal(n), u = r.uniform(n);
            for (int i = 0; i < n; i++) {
                double k = u[i] < gate(s.contrast()) ? Math.pow(2, v[i] * s.contrastStd()) : 1;
                m[i] = Homogeneous.mul(Homogeneous.scale3d(k, k, k), m[i]);
            }
        }
        if (s.lumaflip() > 0) {
            float[] v = r.uniform(n), u = r.uniform(n);
            for (int i = 0; i < n; i++) {
                double k = u[i] < gate(s.lumaflip()) ? Math.floor(v[i] * 2f) : 0;
                m[i] = Homogeneous.mul(Homogeneous.axpy(Homogeneous.identity(4), -2 * k, vv), m[i]); // Householder reflection
            }
        }
        if (s.hue() > 0 && c > 1) {
            float[] v = r.uniform(n), u = r.uniform(n);
            for (int i = 0; i < n; i++) {
                double theta = u[i] < gate(s.hue()) ? (v[i] * 2.0 - 1) * Math.PI * s.hueMax() : 0;
                m[i] = Homogeneous.mul(Homogeneous.rotate3d(LUMA, theta), m[i]);
            }
        }
        if (s.saturation() > 0 && c > 1) {
            float[] v = r.normal(n), u = r.uniform(n);
            for (int i = 0; i < n; i++) {
                double k = u[i] < gate(s.saturation()) ? Math.pow(2, v[i] * s.saturationStd()) : 1;
                m[i] = Homogeneous.mul(Homogeneous.axpy(vv, k, Homogeneous.axpy(Homogeneous.identity(4), -1, vv)), m[i]);
            }
        }

        Tensor flat = images.reshape(n, c, h * w);
        if (c == 3) {
            float[] lin = new float[n * 9], off = new float[n * 3];
            for (int i = 0; i < n; i++)
                for (int row = 0; row < 3; row++) {
                    for (int col = 0; col < 3; col++) lin[i * 9 + row * 3 + col] = (float) m[i][row * 4 + col];
                    off[i * 3 + row] = (float) m[i][row * 4 + 3];
                }
            flat = torch.baddbmm(Tensors.fromFloats(off, new long[] {n, 3, 1}, device),
                    Tensors.fromFloats(lin, new long[] {n, 3, 3}, device), flat);
        } else {
            // Grayscale: the mean of the RGB rows, applied to a gray pixel (R = G = B).
            float[] gain = new float[n], off = new float[n];
            for (int i = 0; i < n; i++) {
                double gs = 0, os = 0;
                for (int row = 0; row < 3; row++) {
                    for (int col = 0; col < 3; col++) gs += m[i][row * 4 + col];
                    os += m[i][row * 4 + 3];
                }
                gain[i] = (float) (gs / 3);
                off[i] = (float) (os / 3);
            }
            flat = flat.mul(Tensors.fromFloats(gain, new long[] {n, 1, 1}, device))
                    .add(Tensors.fromFloats(off, new long[] {n, 1, 1}, device));
        }
        return flat.reshape(n, c, h, w);
    }
}
