package io.stylegan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.ops.Tensors;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

/**
 * bf16 mixed precision (--precision bf16): from the same weights, the first step's losses and penalties (R1 and
 * path length, with their double backward) agree with f32 to bf16 accuracy, the updates point the same way, and
 * the weights and optimizer stay f32.
 */
class MixedPrecisionTest {
    @Test
    void bf16StepsTrackF32Steps() {
        Device cpu = TestSupport.cpu();
        TrainingOptions f32 = TinyRun.options(1, 1);
        Map<String, Double> a = new HashMap<>(), b = new HashMap<>();
        Map<String, Tensor> init = new HashMap<>();
        TrainingStep ta = step(f32, cpu, a, init), tb = step(f32.withPrecision("bf16"), cpu, b, null);
        assertEquals(a.keySet(), b.keySet());
        assertTrue(a.containsKey("Loss/r1_penalty") && a.containsKey("Loss/pl_penalty"), "step 0 runs both penalties");
        for (String k : a.keySet()) {
            double x = a.get(k), y = b.get(k);
            // bf16 keeps 8 significant bits: 2^-8 relative per rounding, a few roundings deep.
            assertEquals(x, y, 0.05 * Math.max(Math.abs(x), 0.05), k);
        }
        assertTrue(!torch.is_autocast_enabled(DeviceType.CPU), "the autocast scope is closed after the step");
        double dot = 0, na = 0, nb = 0;
        for (Map.Entry<String, Tensor> e : ta.g.parameters().entrySet()) {
            Tensor pb = tb.g.parameters().get(e.getKey());
            assertEquals(ScalarType.Float, pb.scalar_type().intern(), "G weights stay f32: " + e.getKey());
            Tensor da = e.getValue().sub(init.get(e.getKey())), db = pb.sub(init.get(e.getKey()));
            dot += Tensors.item(da.mul(db).sum());
            na += Tensors.item(da.square().sum());
            nb += Tensors.item(db.square().sum());
        }
        double cos = dot / Math.sqrt(na * nb);
        assertTrue(cos > 0.9, "G's update in bf16 points where the f32 update does: cosine " + cos);
    }

    @Test
    void unknownPrecisionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TinyRun.options(1, 1).withPrecision("fp8"));
    }

    private static TrainingStep step(TrainingOptions o, Device cpu, Map<String, Double> stats, Map<String, Tensor> init) {
        torch.manual_seed(21);
        TrainingStep t = new TrainingStep(o, cpu);
        if (init != null) t.g.parameters().forEach((k, v) -> init.put(k, v.detach().clone()));
        torch.manual_seed(22);
        Tensor reals = torch.rand(new long[] {o.batch(), 3, 16, 16}).mul(Tensors.scalar(2)).sub(Tensors.scalar(1));
        t.run(reals, 0, 0, stats);
        return t;
    }
}
