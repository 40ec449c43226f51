package io.stylegan4j.projection;

import io.stylegan4j.metrics.Detector;
import io.stylegan4j.metrics.DetectorFiles;
import io.stylegan4j.ops.Tensors;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * LPIPS through the VGG16 detector's {@code return_lpips} output, exactly as the official projector and PPL call
 * it: images larger than 256 px are area-downsampled to 256 first (VGG was trained at 224; the official code does
 * this outside the detector and passes {@code resize_images=False}). Gray images are repeated to 3 channels, as the
 * metric code feeds gray datasets to the detectors. The detector is the metrics package's, called with autograd
 * kept, since the projector's loss backpropagates through it.
 */
public final class Lpips implements ImageDistance {
    static final int MAX_SIDE = 256;
    private static final Map<String, Boolean> FLAGS = Map.of("resize_images", false, "return_lpips", true);
    private final Detector vgg;

    public Lpips(Detector vgg) {
        this.vgg = vgg;
    }

    /** The VGG16 detector from {@code files}; a missing file is one line naming it, its folder and the official URL. */
    public static Lpips open(DetectorFiles files, Device device) {
        return new Lpips(Detector.load(files.resolve(DetectorFiles.Kind.VGG16), device));
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
        return vgg.callWithGrad(images, FLAGS);
    }

    @Override
    public void close() {
        vgg.close();
    }
}
