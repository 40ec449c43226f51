package io.stylegan4j.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.junit.jupiter.api.Test;

/**
 * Autocast caches the bf16 copy of every weight that requires grad for as long as autocast is active; a scope
 * must drop that cache when it closes (as Python's torch.autocast does), or the next training step computes with
 * the weights of the first one.
 */
class AutocastTest {
    @Test
    void eachScopeSeesTheCurrentWeights() {
        Device cpu = TestSupport.cpu();
        Tensor w = torch.ones(new long[] {4, 4}).requires_grad_(true);
        Tensor x = torch.ones(new long[] {1, 4});
        double first, second;
        try (Autocast ac = Autocast.bf16(cpu, true)) {
            assertTrue(torch.is_autocast_enabled(DeviceType.CPU));
            first = Tensors.item(torch.linear(x, w, new TensorOptional()).sum());
        }
        try (NoGradGuard ng = new NoGradGuard()) {
            w.mul_(Tensors.scalar(2)); // an optimizer step between two training steps
        }
        try (Autocast ac = Autocast.bf16(cpu, true)) {
            second = Tensors.item(torch.linear(x, w, new TensorOptional()).sum());
        }
        assertEquals(16.0, first, 0.0);
        assertEquals(32.0, second, 0.0, "the second scope must not reuse the first scope's bf16 weights");
        assertFalse(torch.is_autocast_enabled(DeviceType.CPU), "closing restores the previous state");
    }
}
