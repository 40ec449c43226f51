package io.stylegan4j.parity;

/**
 * One tensor compared against its reference. Forward values pass when every element is within
 * {@code 1e-5 + 1e-5 * max|ref|}; gradients (first or second order) when {@code max|a-b| <= 1e-4 * max|ref|}, or
 * within 1e-5 absolute where the reference is all zeros (a parameter the loss does not reach) (fixtures/README.md, "Tolerances").
 */
public record Check(String name, Kind kind, double maxAbs, double maxRef, boolean passed) {
    public enum Kind { FORWARD, GRADIENT }

    public double maxRel() {
        return maxRef == 0 ? maxAbs : maxAbs / maxRef;
    }

    public static Check of(String name, Kind kind, float[] actual, float[] expected) {
        if (actual.length != expected.length)
            return new Check(name + " (size " + actual.length + " != " + expected.length + ")", kind, Double.POSITIVE_INFINITY, 0, false);
        double maxAbs = 0, maxRef = 0;
        boolean finite = true;
        for (int i = 0; i < actual.length; i++) {
            if (!Float.isFinite(actual[i])) finite = false;
            maxAbs = Math.max(maxAbs, Math.abs((double) actual[i] - expected[i]));
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
        }
        double tol = kind == Kind.FORWARD ? 1e-5 + 1e-5 * maxRef : maxRef > 0 ? 1e-4 * maxRef : 1e-5;
        return new Check(name, kind, finite ? maxAbs : Double.POSITIVE_INFINITY, maxRef, finite && maxAbs <= tol);
    }
}
