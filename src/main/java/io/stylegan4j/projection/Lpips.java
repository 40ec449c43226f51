package io.stylegan4j.projection;

import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * LPIPS through the VGG16 detector's {@code return_lpips} output, exactly as the official projector and PPL call
 * it: images larger than 256 px are area-downsampled to 256 first (VGG was trained at 224; the official code does
 * this outside the detector and passes {@code resize_images=False}). Gray images are repeated to 3 channels, as the
 * metric code feeds gray datasets to the detectors.
 */
public final class Lpips implements ImageDistance {
    static final int MAX_SIDE = 256;
    private final Vgg16Lpips vgg;

    public Lpips(Vgg16Lpips vgg) {
        this.vgg = vgg;
    }

    @Override
    public String name() {
        return "lpips";
    }

    @Override
    public Tensor embed(Tensor images) {
        Tensors.assertShape(images, "LPIPS input", -1, -1, -1, -1);
        if (images.size(1) == 1) images = images.repeat(1, 3, 1, 1);
        if (images.size(2) > MAX_SIDE) images = torch.adaptive_avg_pool2d(images, MAX_SIDE, MAX_SIDE); // F.interpolate(mode='area')
        return vgg.lpips(images);
    }

    @Override
    public void close() {
        vgg.close();
    }
}
