package io.stylegan4j.data;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The built-in dataset: antialiased coloured shapes on plain or gradient backgrounds, generated from the index
 * alone, so training works out of the box without downloads and every factor of variation is known
 * ({@link #factors}). Labels are the shape kind.
 */
public final class ProceduralDataset implements Dataset {
    public static final int DEFAULT_RESOLUTION = 32;
    public static final int DEFAULT_SIZE = 10_000;
    /** Bump when the drawing changes, so identities of old models no longer match. */
    private static final String GENERATOR_VERSION = "shapes-v1";

    private final int resolution;
    private final int size;
    private final long seed;
    // Rendering costs ~0.1 ms per image; caching makes later epochs free (10k images at 64px = 120 MB).
    private final AtomicReferenceArray<byte[]> cache;

    public ProceduralDataset() {
        this(DEFAULT_RESOLUTION, DEFAULT_SIZE, 0L);
    }

    public ProceduralDataset(int resolution) {
        this(resolution, DEFAULT_SIZE, 0L);
    }

    public ProceduralDataset(int resolution, int size, long seed) {
        if (resolution < 8 || resolution > 256 || Integer.bitCount(resolution) != 1) {
            throw new IllegalArgumentException("builtin dataset resolution must be a power of two in 8..256 (e.g. 32 or 64), got " + resolution);
        }
        if (size <= 0) {
            throw new IllegalArgumentException("builtin dataset size must be positive, got " + size);
        }
        this.resolution = resolution;
        this.size = size;
        this.seed = seed;
        this.cache = new AtomicReferenceArray<>(size);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int resolution() {
        return resolution;
    }

    @Override
    public int channels() {
        return 3;
    }

    /** The factors image {@code i} is drawn from; a pure function of (seed, i). */
    public ShapeFactors factors(int i) {
        java.util.Objects.checkIndex(i, size);
        // SplittableRandom mixes its seed, so neighbouring indices get unrelated streams.
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        ShapeKind kind = ShapeKind.values()[rnd.nextInt(ShapeKind.values().length)];
        double hue = rnd.nextDouble();
        double shapeSize = ShapeFactors.MIN_SIZE + rnd.nextDouble() * (ShapeFactors.MAX_SIZE - ShapeFactors.MIN_SIZE);
        double x = rnd.nextDouble();
        double y = rnd.nextDouble();
        double rotation = rnd.nextDouble();
        boolean dot = rnd.nextBoolean();
        boolean gradient = rnd.nextBoolean();
        double bgHue = rnd.nextDouble();
        return new ShapeFactors(kind, hue, shapeSize, x, y, rotation, dot, gradient, bgHue);
    }

    @Override
    public byte[] image(int i) {
        byte[] px = cache.get(i);
        if (px == null) {
            px = render(factors(i), resolution);
            // Two threads may render the same index; both results are identical, so last-write-wins is fine.
            cache.set(i, px);
        }
        return px.clone();
    }

    @Override
    public int label(int i) {
        return factors(i).kind().ordinal();
    }

    @Override
    public boolean hasLabels() {
        return true;
    }

    @Override
    public int classCount() {
        return ShapeKind.values().length;
    }

    @Override
    public String identity() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String key = GENERATOR_VERSION + ";res=" + resolution + ";size=" + size + ";seed=" + seed;
            return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JVM without SHA-256", e);
        }
    }

    @Override
    public String description() {
        return "builtin procedural shapes (" + GENERATOR_VERSION + ", seed " + seed + "): " + size + " images, 3x" + resolution + "x" + resolution
                + ", labeled, " + classCount() + " classes (circle, square, triangle, star)";
    }

    /** Draws one image in unit coordinates scaled to the resolution, so all resolutions show the same scene. */
    static byte[] render(ShapeFactors f, int res) {
        BufferedImage img = new BufferedImage(res, res, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(res, res);
            float bgHue = (float) f.backgroundHue();
            if (f.gradient()) {
                g.setPaint(new GradientPaint(0f, 0f, Color.getHSBColor(bgHue, 0.35f, 0.10f), 0f, 1f, Color.getHSBColor(bgHue, 0.35f, 0.50f)));
            } else {
                g.setPaint(Color.getHSBColor(bgHue, 0.35f, 0.25f));
            }
            g.fill(new Rectangle2D.Double(0, 0, 1, 1));

            double r = f.size() / 2;
            double cx = r + f.x() * (1 - 2 * r);
            double cy = r + f.y() * (1 - 2 * r);
            double angle = f.rotation() * 2 * Math.PI / f.kind().symmetry;
            Shape unit = unitShape(f.kind());
            AffineTransform place = new AffineTransform();
            place.translate(cx, cy);
            place.rotate(angle);
            place.scale(r, r);
            g.setPaint(Color.getHSBColor((float) f.hue(), 0.85f, 0.95f));
            g.fill(place.createTransformedShape(unit));
            if (f.hasDot()) {
                double dr = r * 0.28;
                g.setPaint(Color.getHSBColor((float) (f.hue() + 0.5) % 1f, 0.9f, 0.35f));
                g.fill(new Ellipse2D.Double(cx - dr, cy - dr, 2 * dr, 2 * dr));
            }
        } finally {
            g.dispose();
        }
        return toChw(img);
    }

    /** Shapes inscribed in the unit circle centred at the origin, so {@code size} means the same for every kind. */
    private static Shape unitShape(ShapeKind kind) {
        return switch (kind) {
            case CIRCLE -> new Ellipse2D.Double(-1, -1, 2, 2);
            case SQUARE -> new Rectangle2D.Double(-Math.sqrt(0.5), -Math.sqrt(0.5), Math.sqrt(2), Math.sqrt(2));
            case TRIANGLE -> polygon(3, 1.0, 1.0);
            case STAR -> polygon(5, 1.0, 0.45);
        };
    }

    /** Regular polygon (inner == outer) or star (alternating radii), first vertex pointing up. */
    private static Shape polygon(int points, double outer, double inner) {
        Path2D.Double p = new Path2D.Double();
        boolean star = inner != outer;
        int n = star ? points * 2 : points;
        for (int k = 0; k < n; k++) {
            double rad = star && k % 2 == 1 ? inner : outer;
            double a = -Math.PI / 2 + k * 2 * Math.PI / n;
            double px = rad * Math.cos(a);
            double py = rad * Math.sin(a);
            if (k == 0) {
                p.moveTo(px, py);
            } else {
                p.lineTo(px, py);
            }
        }
        p.closePath();
        return p;
    }

    private static byte[] toChw(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int plane = w * h;
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[3 * plane];
        for (int p = 0; p < plane; p++) {
            int v = argb[p];
            out[p] = (byte) (v >>> 16);
            out[plane + p] = (byte) (v >>> 8);
            out[2 * plane + p] = (byte) v;
        }
        return out;
    }
}
