package io.stylegan4j.parity;

/**
 * One tensor compared against its reference (fixtures/README.md, "Tolerances"). Forward values pass when every
 * element is within {@code 1e-5 + 1e-5 * max|ref|}. Parameter gradients pass when {@code max|a-b| <= 1e-4 * S}, S the
 * largest |ref| over the whole family (all {@code r1_param_grad/*}, say): a per-tensor bound would fail a correct
 * float32 port on tiny bias gradients that arise only through cancellation, where the float32 reference itself is
 * 9e-4 relative off the float64 value. {@code scale} is the magnitude the tolerance is relative to.
 */
public record Check(String name, Kind kind, double maxAbs, double scale, boolean passed) {
    /** METRIC: a stage of the metric fixture, held to the tolerance its README gives (see {@link #relative}, {@link #count}). */
    public enum Kind { FORWARD, GRADIENT, METRIC }

    public double maxRel() {
        return scale == 0 ? maxAbs : maxAbs / scale;
    }

    /**
     * The v1 fixtures' rule (fixtures/README.md, "Tolerances for the v1 fixtures"): {@code max|a - b| <= 1e-4 * scale}
     * for values and gradients alike, scale = the tensor's own max|ref| (pass 0) for values, the largest |ref| of its
     * family for parameter gradients.
     */
    public static Check scaled(String name, Kind kind, float[] actual, float[] expected, double scale) {
        Check c = of(name, Kind.GRADIENT, actual, expected, scale > 0 ? scale : maxAbs(expected));
        return new Check(c.name(), kind, c.maxAbs(), c.scale(), c.passed());
    }

    /** A forward value, or a gradient held to its own largest |ref| (its family is itself). */
    public static Check of(String name, Kind kind, float[] actual, float[] expected) {
        return of(name, kind, actual, expected, maxAbs(expected));
    }

    /** A gradient held to {@code 1e-4 * familyScale}, or within 1e-5 absolute where the whole family is zero. */
    public static Check of(String name, Kind kind, float[] actual, float[] expected, double familyScale) {
        if (actual.length != expected.length)
            return new Check(name + " (size " + actual.length + " != " + expected.length + ")", kind, Double.POSITIVE_INFINITY, 0, false);
        double maxAbs = 0;
        boolean finite = true;
        for (int i = 0; i < actual.length; i++) {
            if (!Float.isFinite(actual[i])) finite = false;
            maxAbs = Math.max(maxAbs, Math.abs((double) actual[i] - expected[i]));
        }
        double tol = kind == Kind.FORWARD ? 1e-5 + 1e-5 * familyScale : familyScale > 0 ? 1e-4 * familyScale : 1e-5;
        return new Check(name, kind, finite ? maxAbs : Double.POSITIVE_INFINITY, familyScale, finite && maxAbs <= tol);
    }

    static double maxAbs(float[] values) {
        double m = 0;
        for (float v : values) m = Math.max(m, Math.abs(v));
        return m;
    }

    /** A metric stage: passes when {@code max|a - b| <= relTol * max|ref|} (relTol 0 = exact). */
    public static Check relative(String name, double[] actual, double[] expected, double relTol) {
        if (actual.length != expected.length)
            return new Check(name + " (size " + actual.length + " != " + expected.length + ")", Kind.METRIC, Double.POSITIVE_INFINITY, 0, false);
        double maxAbs = 0, maxRef = 0;
        boolean finite = true;
        for (int i = 0; i < actual.length; i++) {
            if (!Double.isFinite(actual[i])) finite = false;
            maxAbs = Math.max(maxAbs, Math.abs(actual[i] - expected[i]));
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
        }
        return new Check(name, Kind.METRIC, finite ? maxAbs : Double.POSITIVE_INFINITY, maxRef, finite && maxAbs <= relTol * maxRef);
    }

    /** A count of disagreeing items (pixels, decisions): passes with at most {@code allowed} of {@code total}. */
    public static Check count(String name, long bad, long total, long allowed) {
        return new Check(name, Kind.METRIC, bad, total, bad <= allowed);
    }
}
