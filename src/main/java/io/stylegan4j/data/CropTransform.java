package io.stylegan4j.data;

import io.stylegan4j.io.Uint8Image;
import java.util.Locale;

/**
 * How {@link DatasetTool} and training ({@link ImageFit}) make a square image of side R from any source image (names as
 * in NVlabs' dataset_tool, plus {@code pad}).
 */
public enum CropTransform {
    /** Resize only; the source must already be square. */
    NONE,
    /** Crop the largest centred square, then resize. */
    CENTER_CROP,
    /**
     * Crop the largest centred 2:1 region, resize it to R x R/2 and letterbox it into R x R with black bars (for
     * wide subjects like cars). The official tool computes the crop height from the output width, which only
     * equals a 2:1 crop for some source sizes; this crops the real 2:1 region.
     */
    CENTER_CROP_WIDE,
    /** Resize the whole image so its longer side is R and centre it on a black R x R square (nothing is cut off). */
    PAD;

    /** Parses the CLI spelling: {@code none}, {@code center-crop}, {@code center-crop-wide}, {@code pad}. */
    public static CropTransform parse(String name) {
        for (CropTransform t : values()) {
            if (t.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transform '" + name + "'; use none, center-crop, center-crop-wide or pad");
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The side of a w x h source that this transform keeps at full detail (what R should not exceed). */
    public int keptSide(int w, int h) {
        return switch (this) {
            case NONE, CENTER_CROP -> Math.min(w, h);
            case CENTER_CROP_WIDE -> Math.min(w, 2 * h);
            case PAD -> Math.max(w, h);
        };
    }

    /** Applies the transform and the antialiased Lanczos resize; {@code name} is used in messages. */
    public Uint8Image apply(Uint8Image src, int resolution, String name) {
        return apply(src, resolution, name, Resampler.Filter.LANCZOS);
    }

    /** Applies the transform and the antialiased resize with {@code filter}. */
    public Uint8Image apply(Uint8Image src, int resolution, String name, Resampler.Filter filter) {
        int w = src.width();
        int h = src.height();
        switch (this) {
            case NONE -> {
                if (w != h) {
                    throw new DataException(name + " is " + w + "x" + h + ", not square; use --transform center-crop or center-crop-wide");
                }
                return Resampler.resize(src, 0, 0, w, h, resolution, resolution, filter);
            }
            case CENTER_CROP -> {
                int side = Math.min(w, h);
                return Resampler.resize(src, (w - side) / 2, (h - side) / 2, side, side, resolution, resolution, filter);
            }
            case CENTER_CROP_WIDE -> {
                int cw = Math.min(w, 2 * h);
                int ch = Math.max(1, Math.min(h, Math.round(cw / 2f)));
                int outH = resolution / 2;
                Uint8Image band = Resampler.resize(src, (w - cw) / 2, (h - ch) / 2, cw, ch, resolution, outH, filter);
                int c = src.channels();
                byte[] canvas = new byte[c * resolution * resolution];
                int top = (resolution - outH) / 2;
                for (int p = 0; p < c; p++) {
                    System.arraycopy(band.pixels(), p * outH * resolution, canvas, (p * resolution + top) * resolution, outH * resolution);
                }
                return new Uint8Image(c, resolution, resolution, canvas);
            }
            case PAD -> {
                int ow = Math.max(1, Math.round((float) w * resolution / Math.max(w, h)));
                int oh = Math.max(1, Math.round((float) h * resolution / Math.max(w, h)));
                Uint8Image fitted = Resampler.resize(src, 0, 0, w, h, ow, oh, filter);
                int c = src.channels();
                byte[] canvas = new byte[c * resolution * resolution];
                int top = (resolution - oh) / 2, left = (resolution - ow) / 2;
                for (int p = 0; p < c; p++)
                    for (int y = 0; y < oh; y++)
                        System.arraycopy(fitted.pixels(), (p * oh + y) * ow, canvas, (p * resolution + top + y) * resolution + left, ow);
                return new Uint8Image(c, resolution, resolution, canvas);
            }
            default -> throw new IllegalStateException("unhandled transform " + this);
        }
    }
}
