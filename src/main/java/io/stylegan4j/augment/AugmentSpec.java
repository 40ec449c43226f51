package io.stylegan4j.augment;

import java.util.List;

/**
 * Which augmentations run and how strongly: the keyword arguments of the official {@code AugmentPipe}, with its
 * defaults. A multiplier of 1 applies the op with probability p, 0 disables it; the strengths are the paper's
 * (Appendix B.1). Image-space filtering, noise and cutout ('bgcf' and beyond) are not implemented: the paper's
 * recommended pipeline for small datasets is 'bgc'.
 */
public record AugmentSpec(
        double xflip,           // x-flip
        double rotate90,        // rotations by multiples of 90 degrees
        double xint,            // integer translation
        double xintMax,         // range of integer translation, relative to image size
        double scale,           // isotropic scaling
        double rotate,          // arbitrary rotation (split into a pre- and a post-rotation)
        double aniso,           // anisotropic scaling
        double xfrac,           // fractional translation
        double scaleStd,        // log2 standard deviation of isotropic scaling
        double rotateMax,       // range of arbitrary rotation, 1 = full circle
        double anisoStd,        // log2 standard deviation of anisotropic scaling
        double xfracStd,        // standard deviation of fractional translation, relative to image size
        double brightness,      // additive brightness
        double contrast,        // contrast
        double lumaflip,        // luma flip (Householder reflection about the luma axis)
        double hue,             // hue rotation (RGB only)
        double saturation,      // saturation (RGB only)
        double brightnessStd,   // standard deviation of brightness
        double contrastStd,     // log2 standard deviation of contrast
        double hueMax,          // range of hue rotation, 1 = full circle
        double saturationStd) { // log2 standard deviation of saturation

    /** The pipelines of the official train.py --augpipe that this implementation covers. */
    public static final List<String> NAMES = List.of("blit", "geom", "color", "bg", "bgc");

    /** Everything off, the official strengths. */
    public static final AugmentSpec NONE = new AugmentSpec(0, 0, 0, 0.125, 0, 0, 0, 0, 0.2, 1, 0.2, 0.125,
            0, 0, 0, 0, 0, 0.2, 0.5, 1, 1);

    public static AugmentSpec named(String name) {
        boolean blit = name.equals("blit") || name.startsWith("bg");
        boolean geom = name.equals("geom") || name.startsWith("bg");
        boolean color = name.equals("color") || name.equals("bgc");
        if (!NAMES.contains(name))
            throw new IllegalArgumentException("--augpipe must be one of " + NAMES + ", got '" + name + "'");
        AugmentSpec s = NONE;
        int b = blit ? 1 : 0, g = geom ? 1 : 0, c = color ? 1 : 0;
        return new AugmentSpec(b, b, b, s.xintMax, g, g, g, g, s.scaleStd, s.rotateMax, s.anisoStd, s.xfracStd,
                c, c, c, c, c, s.brightnessStd, s.contrastStd, s.hueMax, s.saturationStd);
    }

    boolean anyGeometric() {
        return xflip > 0 || rotate90 > 0 || xint > 0 || scale > 0 || rotate > 0 || aniso > 0 || xfrac > 0;
    }

    boolean anyColor() {
        return brightness > 0 || contrast > 0 || lumaflip > 0 || hue > 0 || saturation > 0;
    }
}
