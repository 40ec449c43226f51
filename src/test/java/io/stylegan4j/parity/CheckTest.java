package io.stylegan4j.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The gradient tolerance of fixtures/README.md: 1e-4 of the largest |ref| of the family, not of the tensor. */
class CheckTest {
    @Test
    void aTinyBiasGradientIsHeldToItsFamilysScale() {
        float[] ref = {1e-3f, -5e-4f};
        float[] ours = {1e-3f + 3e-6f, -5e-4f}; // 3e-3 relative to the tensor, 3e-6 relative to a family whose largest value is 1
        assertFalse(Check.of("b4.fc.bias", Check.Kind.GRADIENT, ours, ref).passed(), "per tensor it would fail");
        Check c = Check.of("b4.fc.bias", Check.Kind.GRADIENT, ours, ref, 1.0);
        assertTrue(c.passed());
        assertEquals(3e-6, c.maxRel(), 1e-9, "reported relative to the family scale");
        assertFalse(Check.of("b4.fc.bias", Check.Kind.GRADIENT, new float[] {1e-3f + 2e-4f, -5e-4f}, ref, 1.0).passed());
    }
}
