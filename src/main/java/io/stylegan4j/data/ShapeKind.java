package io.stylegan4j.data;

/** Shape classes of the built-in dataset; the ordinal is the class label. */
public enum ShapeKind {
    CIRCLE(1), SQUARE(4), TRIANGLE(3), STAR(5);

    /** Rotational symmetry order: rotations are sampled within one period so every value looks different (except circles). */
    public final int symmetry;

    ShapeKind(int symmetry) {
        this.symmetry = symmetry;
    }
}
