package io.stylegan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.augment.AdaController;
import io.stylegan4j.augment.AugmentOptions;
import io.stylegan4j.distributed.Collective;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * What a rank exchanges besides gradients, seen through a stand-in for the other rank: ADA's sign counts go through
 * the sum (a rank alone would move p on half the evidence), and the scalars through the mean.
 */
class SplitStepTest {
    /** Rank 0 of 2 whose partner reported exactly what it did: sums double, means stay. */
    private static final class Mirror implements Collective {
        int sums, means;

        @Override
        public void allReduceSum(List<Tensor> tensors) {
            sums++;
            for (Tensor t : tensors) t.mul_(io.stylegan4j.ops.Tensors.scalar(2));
        }

        @Override
        public void allReduceMean(List<Tensor> tensors) {
            means++;
        }

        @Override
        public void broadcast(List<Tensor> tensors) { }

        @Override
        public void broadcastAfterRank0Work(List<Tensor> tensors) { }
    }

    @Test
    void adaSignCountsAreSummedOverRanks() {
        AdaController.State alone = firstStep(Collective.LOCAL, 1), paired;
        Mirror m = new Mirror();
        paired = firstStep(m, 2);
        assertTrue(alone.signCount() > 0, "step 0 reports real logits (Dmain and R1)");
        assertEquals(2 * alone.signCount(), paired.signCount(), "counts of both ranks");
        assertEquals(2 * alone.signSum(), paired.signSum(), 0.0);
        assertTrue(m.sums >= 2 && m.means >= 3, "w_avg and ADA summed; gradients per phase and scalars averaged: " + m.sums + ", " + m.means);
    }

    /** Step 0 of the tiny run under ADA, on the same 4 images, as rank 0 of {@code world} with rounds of 4. */
    private static AdaController.State firstStep(Collective comm, int world) {
        TrainingOptions o = TinyRun.options(1, 1).withBatch(4 * world)
                .withAugment(new AugmentOptions(AugmentOptions.Mode.ADA, 0.5, 0.6, 4, 0.5, "bgc"));
        torch.manual_seed(3);
        Tensor reals = torch.rand(new long[] {4, 3, 16, 16}).mul(io.stylegan4j.ops.Tensors.scalar(2)).sub(io.stylegan4j.ops.Tensors.scalar(1));
        try (TrainingStep t = new TrainingStep(o, TestSupport.cpu()).split(new BatchSplit(0, world, 4, comm))) {
            Map<String, Double> stats = new LinkedHashMap<>();
            t.run(reals, 0, 0, stats);
            return t.augment.state();
        }
    }
}
