package io.stylegan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.nn.Module;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.ops.Winograd;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Formulations that must not change what training does: NHWC against NCHW activations, and Winograd against direct
 * 3x3 convolutions. Each pair takes the same four steps (the first with R1's and path length's double backward):
 * same losses and penalties, same parameters after the updates, to f32 rounding.
 */
class EquivalentStepsTest {
    @AfterEach
    void restore() {
        Winograd.mode = Winograd.Mode.AUTO;
    }

    @Test
    void nhwcStepsMatchNchwSteps() {
        assertSameSteps(() -> {}, () -> {}, t -> t.setChannelsLast(false), t -> t.setChannelsLast(true));
    }

    @Test
    void winogradStepsMatchDirectSteps() {
        // ALWAYS: the tiny test networks are below the sizes where AUTO would choose Winograd.
        assertSameSteps(() -> Winograd.mode = Winograd.Mode.DIRECT, () -> Winograd.mode = Winograd.Mode.ALWAYS, t -> {}, t -> {});
    }

    private static void assertSameSteps(Runnable setupA, Runnable setupB, Consumer<TrainingStep> stepA,
                                        Consumer<TrainingStep> stepB) {
        Device cpu = TestSupport.cpu();
        TrainingOptions o = TinyRun.options(1, 1);
        Map<Long, Map<String, Double>> sa = new HashMap<>(), sb = new HashMap<>();
        setupA.run();
        TrainingStep a = steps(o, cpu, stepA, sa);
        setupB.run();
        TrainingStep b = steps(o, cpu, stepB, sb);
        for (long k = 0; k < 4; k++) {
            assertEquals(sa.get(k).keySet(), sb.get(k).keySet(), "same phases at step " + k);
            for (String key : sa.get(k).keySet()) {
                double x = sa.get(k).get(key), y = sb.get(k).get(key);
                assertEquals(x, y, 1e-4 * Math.max(1, Math.abs(x)), key + " at step " + k);
            }
        }
        assertTrue(sa.get(0L).containsKey("Loss/r1_penalty") && sa.get(0L).containsKey("Loss/pl_penalty"), "step 0 runs both penalties");
        assertSameParameters("G", a.g, b.g);
        assertSameParameters("D", a.d, b.d);
    }

    private static void assertSameParameters(String what, Module a, Module b) {
        for (Map.Entry<String, Tensor> e : a.parameters().entrySet()) {
            double diff = Tensors.item(e.getValue().sub(b.parameters().get(e.getKey())).abs().max());
            assertTrue(diff < 1e-4 * Math.max(1, Tensors.item(e.getValue().abs().max())), what + " " + e.getKey() + " differs by " + diff);
        }
    }

    private static TrainingStep steps(TrainingOptions o, Device cpu, Consumer<TrainingStep> setup,
                                      Map<Long, Map<String, Double>> out) {
        torch.manual_seed(11);
        TrainingStep t = new TrainingStep(o, cpu);
        setup.accept(t);
        Tensor reals = torch.rand(new long[] {o.batch(), 3, 16, 16}).mul(Tensors.scalar(2)).sub(Tensors.scalar(1));
        for (long k = 0; k < 4; k++) {
            Map<String, Double> s = new HashMap<>();
            t.run(reals, k, k * o.batch(), s);
            out.put(k, s);
        }
        return t;
    }
}
