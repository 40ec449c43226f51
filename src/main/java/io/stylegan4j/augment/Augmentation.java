package io.stylegan4j.augment;

import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Augmentation as the training step uses it: the pipe D's inputs go through (identity under --aug noaug) and, under
 * --aug ada, the controller that moves its p. The loss calls {@link #apply} on every image D sees and
 * {@link #reportRealLogits} on D's real logits; the step calls {@link #afterStep} once per minibatch.
 */
public final class Augmentation {
    private final AugmentPipe pipe;          // null: no augmentation
    private final AdaController controller;  // null: p fixed

    private Augmentation(AugmentPipe pipe, AdaController controller) {
        this.pipe = pipe;
        this.controller = controller;
    }

    public static Augmentation none() {
        return new Augmentation(null, null);
    }

    public static Augmentation of(AugmentOptions o, int batch, Device device) {
        if (o == null || !o.enabled()) return none();
        AugmentPipe pipe = new AugmentPipe(AugmentSpec.named(o.pipe()), (float) o.p(), device);
        return new Augmentation(pipe, o.mode() == AugmentOptions.Mode.ADA ? new AdaController(o.target(), o.interval(), o.kimg(), batch) : null);
    }

    /** Wraps an existing pipe with a fixed p (tests). */
    public static Augmentation fixed(AugmentPipe pipe) {
        return new Augmentation(pipe, null);
    }

    public Tensor apply(Tensor images) {
        return pipe == null ? images : pipe.apply(images);
    }

    public void reportRealLogits(Tensor logits) {
        if (controller == null) return;
        controller.report(Tensors.item(torch.sign(logits.detach()).sum()), logits.numel());
    }

    /** @param batchesDone minibatches completed, this one included */
    public void afterStep(long batchesDone) {
        if (controller != null) pipe.setP(controller.update(batchesDone, pipe.p()));
    }

    /** The current augmentation probability (0 without augmentation). */
    public float p() {
        return pipe == null ? 0 : pipe.p();
    }

    /** p and the partial sign average, for the snapshot; null without augmentation. */
    public AdaController.State state() {
        if (pipe == null) return null;
        return controller == null ? new AdaController.State(pipe.p(), 0, 0) : controller.state(pipe.p());
    }

    public void restore(AdaController.State s) {
        if (pipe == null || s == null) return;
        pipe.setP(s.p());
        if (controller != null) controller.restore(s);
    }
}
