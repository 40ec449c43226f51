package io.stylegan4j.augment;

/**
 * Homogeneous 2-D (3x3) and 3-D (4x4) transforms as row-major double arrays, one per sample. The pipeline composes
 * them on the CPU in double precision: a batch needs a few dozen tiny matrices, which as libtorch ops would cost
 * more in dispatch than the images cost to transform.
 */
final class Homogeneous {
    private Homogeneous() {}

    static double[] identity(int n) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) m[i * n + i] = 1;
        return m;
    }

    static double[] mul(double[] a, double[] b) {
        int n = (int) Math.round(Math.sqrt(a.length));
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
                out[i * n + j] = s;
            }
        return out;
    }

    static double[] translate2d(double tx, double ty) {
        return new double[] {1, 0, tx, 0, 1, ty, 0, 0, 1};
    }

    static double[] scale2d(double sx, double sy) {
        return new double[] {sx, 0, 0, 0, sy, 0, 0, 0, 1};
    }

    /** Counter-clockwise by theta in a y-down image frame, as the official rotate2d. */
    static double[] rotate2d(double theta) {
        double c = Math.cos(theta), s = Math.sin(theta);
        return new double[] {c, -s, 0, s, c, 0, 0, 0, 1};
    }

    static double[] translate3d(double tx, double ty, double tz) {
        return new double[] {1, 0, 0, tx, 0, 1, 0, ty, 0, 0, 1, tz, 0, 0, 0, 1};
    }

    static double[] scale3d(double sx, double sy, double sz) {
        return new double[] {sx, 0, 0, 0, 0, sy, 0, 0, 0, 0, sz, 0, 0, 0, 0, 1};
    }

    /** Rotation by theta about the unit axis v (Rodrigues' formula). */
    static double[] rotate3d(double[] v, double theta) {
        double x = v[0], y = v[1], z = v[2], s = Math.sin(theta), c = Math.cos(theta), cc = 1 - c;
        return new double[] {
            x * x * cc + c, x * y * cc - z * s, x * z * cc + y * s, 0,
            y * x * cc + z * s, y * y * cc + c, y * z * cc - x * s, 0,
            z * x * cc - y * s, z * y * cc + x * s, z * z * cc + c, 0,
            0, 0, 0, 1};
    }

    /** v v^T for a 4-vector. */
    static double[] outer(double[] v) {
        double[] m = new double[16];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) m[i * 4 + j] = v[i] * v[j];
        return m;
    }

    /** a + s * b, element-wise. */
    static double[] axpy(double[] a, double s, double[] b) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) out[i] += s * b[i];
        return out;
    }

    /** (x, y) mapped by the 3x3 transform m. */
    static double[] apply2d(double[] m, double x, double y) {
        return new double[] {m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]};
    }
}
