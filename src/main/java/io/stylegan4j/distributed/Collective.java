package io.stylegan4j.distributed;

import java.util.List;
import org.bytedeco.pytorch.Tensor;

/** What the ranks of a run do together (training's gradients, metrics' features); {@link #LOCAL} for one process. */
public interface Collective {
    /** Replaces each tensor by the sum of its values on every rank. */
    void allReduceSum(List<Tensor> tensors);

    /** Replaces each tensor by the mean of its values on every rank (sum, then divided by the world size). */
    void allReduceMean(List<Tensor> tensors);

    /** Replaces each tensor by rank 0's. */
    void broadcast(List<Tensor> tensors);

    /**
     * As {@link #broadcast}, after rank 0's own work at a snapshot (writing it, evaluating metrics), however long
     * that takes: the collective timeout would stop the others during an hour-long fid50k. A rank 0 that dies
     * still fails it at once (its sockets close).
     */
    void broadcastAfterRank0Work(List<Tensor> tensors);

    /** One process: nothing to exchange. */
    Collective LOCAL = new Collective() {
        @Override
        public void allReduceSum(List<Tensor> tensors) { }

        @Override
        public void allReduceMean(List<Tensor> tensors) { }

        @Override
        public void broadcast(List<Tensor> tensors) { }

        @Override
        public void broadcastAfterRank0Work(List<Tensor> tensors) { }
    };
}
