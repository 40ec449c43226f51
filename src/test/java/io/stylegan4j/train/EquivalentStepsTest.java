package io.stylegan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.ops.Tensors;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * Training with NHWC activations (G and D, including R1's and path length's double backward) takes the same
 * steps as NCHW: same losses and penalties, same parameters after the updates, to f32 summation-order noise.
 */
class ChannelsLastTrainingTest {
    @Test
    void nhwcStepsMatchNchwSteps() {
        Device cpu = TestSupport.cpu();
        TrainingOptions o = TinyRun.options(1, 1);
        Map<Long, Map<String, Double>> nchw = new HashMap<>(), nhwc = new HashMap<>();
        TrainingStep a = steps(o, cpu, false, nchw), b = steps(o, cpu, true, nhwc);
        for (long k = 0; k < 4; k++) {
            assertEquals(nchw.get(k).keySet(), nhwc.get(k).keySet(), "same phases at step " + k);
            for (String key : nchw.get(k).keySet()) {
                double x = nchw.get(k).get(key), y = nhwc.get(k).get(key);
                assertEquals(x, y, 1e-4 * Math.max(1, Math.abs(x)), key + " at step " + k);
            }
        }
        assertTrue(nchw.get(0L).containsKey("Loss/r1_penalty") && nchw.get(0L).containsKey("Loss/pl_penalty"), "step 0 runs both penalties");
        for (Map.Entry<String, Tensor> e : a.g.parameters().entrySet()) {
            Tensor other = b.g.parameters().get(e.getKey());
            double diff = Tensors.item(e.getValue().sub(other).abs().max());
            assertTrue(diff < 1e-4 * Math.max(1, Tensors.item(e.getValue().abs().max())), "G " + e.getKey() + " differs by " + diff);
        }
        for (Map.Entry<String, Tensor> e : a.d.parameters().entrySet()) {
            double diff = Tensors.item(e.getValue().sub(b.d.parameters().get(e.getKey())).abs().max());
            assertTrue(diff < 1e-4 * Math.max(1, Tensors.item(e.getValue().abs().max())), "D " + e.getKey() + " differs by " + diff);
        }
    }

    private static TrainingStep steps(TrainingOptions o, Device cpu, boolean channelsLast, Map<Long, Map<String, Double>> out) {
        torch.manual_seed(11);
        TrainingStep t = new TrainingStep(o, cpu);
        t.setChannelsLast(channelsLast);
        Tensor reals = torch.rand(new long[] {o.batch(), 3, 16, 16}).mul(Tensors.scalar(2)).sub(Tensors.scalar(1));
        for (long k = 0; k < 4; k++) {
            Map<String, Double> s = new HashMap<>();
            t.run(reals, k, k * o.batch(), s);
            out.put(k, s);
        }
        return t;
    }
}
