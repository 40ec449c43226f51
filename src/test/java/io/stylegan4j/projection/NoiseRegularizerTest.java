package io.stylegan4j.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylegan4j.TestSupport;
import io.stylegan4j.ops.Tensors;
import java.util.List;
import java.util.function.IntBinaryOperator;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The official penalty, sum over maps and pyramid levels (2x2 average pooling down to 8x8) of
 * mean(n * roll(n, 1, x))^2 + mean(n * roll(n, 1, y))^2, on maps whose value is worked out by hand.
 */
class NoiseRegularizerTest {
    static {
        TestSupport.cpu();
    }

    private static Tensor map(int side, IntBinaryOperator valueAtYX) {
        float[] v = new float[side * side];
        for (int y = 0; y < side; y++) for (int x = 0; x < side; x++) v[y * side + x] = valueAtYX.applyAsInt(y, x);
        return Tensors.fromFloats(v, side, side);
    }

    private static int sign(int k) {
        return k % 2 == 0 ? 1 : -1;
    }

    @Test
    void equalsTheFormulaOnHandWorkedMaps() {
        // 8x8 checkerboard: both shifted products are -1 everywhere: 1 + 1; 8x8 is the last level.
        Tensor checker = map(8, (y, x) -> sign(x + y));
        // 16x16 vertical stripes: x-shift -1 (1), y-shift +1 (1); pooled to 8x8 the stripes average to 0: 0 + 0.
        Tensor stripes = map(16, (y, x) -> sign(x));
        // 16x16 stripes two pixels wide: x-shift products are +1 and -1 in equal numbers (0), y-shift 1;
        // pooled, each 2x2 block is one value, giving one-pixel stripes at 8x8: 1 + 1. Total 3.
        Tensor wide = map(16, (y, x) -> sign(x / 2));
        assertEquals(2.0, NoiseRegularizer.value(List.of(checker)), 1e-6);
        assertEquals(2.0, NoiseRegularizer.value(List.of(stripes)), 1e-6);
        assertEquals(3.0, NoiseRegularizer.value(List.of(wide)), 1e-6);
        // 16x16 of 0.5: (0.25)^2 per term and level, two terms, two levels: 0.25. Maps add up: 2 + 2 + 3 + 0.25.
        Tensor half = Tensors.fromFloats(new float[256], 16, 16).add(Tensors.scalar(0.5));
        assertEquals(7.25, NoiseRegularizer.value(List.of(checker, stripes, wide, half)), 1e-6);
    }

    @Test
    void normalizesEachMapToZeroMeanUnitSquare() {
        Tensor n = Tensors.fromFloats(new float[] {1, 2, 3, 4}, 2, 2);
        NoiseRegularizer.normalize(List.of(n));
        double s = Math.sqrt(1.25); // centred values -1.5, -0.5, 0.5, 1.5 have mean square 1.25
        float[] got = Tensors.toFloats(n);
        float[] want = {(float) (-1.5 / s), (float) (-0.5 / s), (float) (0.5 / s), (float) (1.5 / s)};
        for (int i = 0; i < 4; i++) assertEquals(want[i], got[i], 1e-6);
    }
}
