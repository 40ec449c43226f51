package io.stylegan4j.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generating factors of one built-in image, each sampled independently, so metrics (e.g. linear separability)
 * can check what a latent direction encodes.
 *
 * @param kind shape class (also the label)
 * @param hue shape hue in [0,1)
 * @param size shape diameter as a fraction of the image side, in [0.3, 0.6]
 * @param x horizontal position in [0,1] within the range that keeps the shape inside the image (0 = left)
 * @param y vertical position likewise (0 = top)
 * @param rotation rotation as a fraction [0,1) of the shape's symmetry period
 * @param hasDot whether a small dot of the complementary hue sits at the shape's centre
 * @param gradient whether the background is a vertical gradient rather than plain
 * @param backgroundHue background tint hue in [0,1)
 */
public record ShapeFactors(ShapeKind kind, double hue, double size, double x, double y, double rotation,
                           boolean hasDot, boolean gradient, double backgroundHue) {
    public static final double MIN_SIZE = 0.3;
    public static final double MAX_SIZE = 0.6;

    /** Binary attribute: size above the middle of its range. */
    public boolean isLarge() {
        return size > (MIN_SIZE + MAX_SIZE) / 2;
    }

    /** Names of {@link #vector()} entries, in order. */
    public static List<String> names() {
        return List.of("kind", "hue", "size", "x", "y", "rotation", "hasDot", "gradient", "backgroundHue", "isLarge");
    }

    /** All factors as numbers (booleans as 0/1, kind as its ordinal), in the order of {@link #names()}. */
    public double[] vector() {
        return new double[] {kind.ordinal(), hue, size, x, y, rotation, hasDot ? 1 : 0, gradient ? 1 : 0, backgroundHue, isLarge() ? 1 : 0};
    }

    /** The same values keyed by name. */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        double[] v = vector();
        List<String> names = names();
        for (int i = 0; i < v.length; i++) {
            map.put(names.get(i), v[i]);
        }
        return map;
    }
}
