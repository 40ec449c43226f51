package io.stylegan4j.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Wall time spent inside the v1 convolutions (WScaleConv2d), for {@code bench}'s "share of time in convolutions".
 * libtorch's CPU ops run synchronously, so timing around the call measures the op. Off by default (one volatile
 * read per conv); the benchmark switches it on. Records each call's shapes, so the backward passes of the same
 * convolutions can be replayed and timed on their own ({@link #replayBackwardSeconds}).
 */
public final class ConvTimer {
    public static volatile boolean enabled;

    public enum Kind { SAME, UP_TRANSPOSED, DOWN_STRIDED }

    /** One timed call: its kind and the input and weight shapes (the weight as passed to the torch op). */
    public record Call(Kind kind, long[] x, long[] w) {}

    private static long nanos;
    private static final List<Call> calls = new ArrayList<>();

    private ConvTimer() {}

    public static synchronized void reset() {
        nanos = 0;
        calls.clear();
    }

    public static synchronized double seconds() {
        return nanos / 1e9;
    }

    public static synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public static Tensor time(Kind kind, Tensor x, Tensor w, Supplier<Tensor> op) {
        if (!enabled) return op.get();
        long t0 = System.nanoTime();
        Tensor y = op.get();
        long dt = System.nanoTime() - t0;
        synchronized (ConvTimer.class) {
            nanos += dt;
            calls.add(new Call(kind, Tensors.shape(x), Tensors.shape(w)));
        }
        return y;
    }

    /**
     * The backward (input and weight gradients) of every recorded call, each rerun on random tensors of its shapes and
     * timed alone: the convolution share of a training step's backward pass (R1's double backward not included).
     */
    public static double replayBackwardSeconds(List<Call> recorded, org.bytedeco.pytorch.Device dev) {
        long total = 0;
        for (Call c : recorded) {
            try (org.bytedeco.javacpp.PointerScope scope = new org.bytedeco.javacpp.PointerScope()) {
                Tensor x = torch.randn(c.x(), Tensors.options(dev)).requires_grad_(true);
                Tensor w = torch.randn(c.w(), Tensors.options(dev)).requires_grad_(true);
                long[] s = c.kind() == Kind.SAME ? new long[] {1, 1} : new long[] {2, 2};
                long pad = c.kind() == Kind.SAME ? w.size(2) / 2 : 1;
                Tensor y = c.kind() == Kind.UP_TRANSPOSED
                        ? torch.conv_transpose2d(x, w, new org.bytedeco.pytorch.TensorOptional(), s, new long[] {pad, pad}, new long[] {0, 0}, 1, 1, 1)
                        : torch.conv2d(x, w, new org.bytedeco.pytorch.TensorOptional(), s, new long[] {pad, pad}, new long[] {1, 1}, 1);
                Tensor sum = y.sum(); // its backward (a broadcast of ones) is negligible next to the conv's
                long t0 = System.nanoTime();
                sum.backward();
                total += System.nanoTime() - t0;
            }
        }
        return total / 1e9;
    }
}
