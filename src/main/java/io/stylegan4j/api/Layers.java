package io.stylegan4j.api;

import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A contiguous range of ws indices [from, to], the layers a style mix takes from its second latent. The presets are
 * StyleGAN Figure 3's, as ws indices (the {@code mix} command's): coarse 0-3 (4x4 and 8x8: pose, shape), middle 4-7
 * (16x16 and 32x32), fine 8 to the end (64x64 and up: colour scheme, micro-structure). A range is clipped to the
 * model's num_ws when used; one that selects no layer of the model is an error then.
 */
public record Layers(int from, int to) {
    public static final Layers COARSE = new Layers(0, 3);
    public static final Layers MIDDLE = new Layers(4, 7);
    public static final Layers FINE = new Layers(8, Integer.MAX_VALUE);

    public Layers {
        if (from < 0 || to < from) throw new IllegalArgumentException("layer range must be 0 <= from <= to, got " + from + "-" + to);
    }

    /** {@code coarse}, {@code middle}, {@code fine}, a single index {@code 5} or a range {@code 2-6}. */
    public static Layers parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "coarse": return COARSE;
            case "middle": return MIDDLE;
            case "fine": return FINE;
            default: break;
        }
        try {
            int dash = s.indexOf('-');
            if (dash < 0) {
                int i = Integer.parseInt(s);
                return new Layers(i, i);
            }
            return new Layers(Integer.parseInt(s.substring(0, dash).trim()), Integer.parseInt(s.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layers must be coarse, middle, fine, N or N-M, got '" + text + "'");
        }
    }

    /** The indices this range selects of a model with {@code numWs} ws. */
    public int[] indices(int numWs) {
        if (from >= numWs)
            throw new IllegalArgumentException("layers " + this + " select no layer of this model (num_ws " + numWs + "; use 0-" + (numWs - 1) + ")");
        return IntStream.rangeClosed(from, Math.min(to, numWs - 1)).toArray();
    }

    @Override
    public String toString() {
        return to == Integer.MAX_VALUE ? from + "-end" : from + "-" + to;
    }
}
