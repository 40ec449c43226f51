package io.stylegan4j.ops;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;

/**
 * The context of one unit of work (a training step, a batch of images): a {@code PointerScope} that frees every
 * tensor made inside it on close (what must outlive the step is owned by a module or optimizer, which retains it),
 * plus, for inference, a no-grad guard, and optionally bf16 autocast. Opened and closed together so no caller can
 * forget one or close them in the wrong order (the guards first, the memory last).
 */
public final class StepScope implements AutoCloseable {
    private final PointerScope memory;
    private final NoGradGuard noGrad;
    private final Autocast autocast;

    private StepScope(boolean gradients, Device device, boolean bf16) {
        this.memory = new PointerScope();
        this.noGrad = gradients ? null : new NoGradGuard();
        this.autocast = device == null ? null : Autocast.bf16(device, bf16);
    }

    /** Inference in f32: per-step memory and no autograd graph. */
    public static StepScope inference() {
        return new StepScope(false, null, false);
    }

    /** Inference, in bf16 autocast on {@code device} when {@code bf16}. */
    public static StepScope inference(Device device, boolean bf16) {
        return new StepScope(false, device, bf16);
    }

    /** A step that backpropagates: per-step memory only (autocast, if any, is opened per phase around the loss). */
    public static StepScope training() {
        return new StepScope(true, null, false);
    }

    @Override
    public void close() {
        try {
            if (autocast != null) autocast.close();
            if (noGrad != null) noGrad.close();
        } finally {
            memory.close();
        }
    }
}
