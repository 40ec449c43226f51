package io.stylegan4j.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.stylegan4j.ops.Tensors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groups opened, used and closed again and again in one JVM (as the sharded-metrics test and any embedding program
 * do). Before GlooGroup destroyed each collective's Work right after waiting on it, a Work could outlive its closed
 * group and corrupt the native heap; the JVM then aborted ("corrupted double-linked list") within two rounds of
 * this loop, or later, in whichever test allocated next.
 */
class GroupLifecycleTest {
    @Test
    @SuppressWarnings("unchecked")
    void tenGroupsInARowSumAndBroadcastExactly(@TempDir Path tmp) throws Exception {
        for (int round = 0; round < 10; round++) {
            Path store = tmp.resolve("store-" + round);
            CompletableFuture<float[][]>[] ranks = new CompletableFuture[2];
            for (int r = 0; r < 2; r++) {
                World w = new World(r, 2, "127.0.0.1", 0, store, Duration.ofSeconds(60));
                int rank = r, seed = round;
                ranks[r] = CompletableFuture.supplyAsync(() -> {
                    try (GlooGroup g = GlooGroup.connect(w, "GroupLifecycleTest")) {
                        Tensor sum = Tensors.fromFloats(new float[] {rank + 1, 10 * (rank + 1), seed}, 3);
                        g.allReduceSum(List.of(sum));
                        Tensor fromRank0 = Tensors.fromFloats(new float[] {rank == 0 ? 7 : -1, seed}, 2);
                        g.broadcast(List.of(fromRank0));
                        return new float[][] {Tensors.toFloats(sum), Tensors.toFloats(fromRank0)};
                    }
                });
            }
            for (CompletableFuture<float[][]> f : ranks) {
                float[][] got = f.get();
                assertArrayEquals(new float[] {3, 30, 2 * round}, got[0], 0f, "all-reduce sum, round " + round);
                assertArrayEquals(new float[] {7, round}, got[1], 0f, "broadcast from rank 0, round " + round);
            }
            System.gc(); // let the collector free what the round left, so a freed-too-late Work would strike here
        }
    }
}
