package io.stylegan4j.projection;

import io.stylegan4j.data.CropTransform;
import io.stylegan4j.data.ImageDecoding;
import io.stylegan4j.io.Uint8Image;
import io.stylegan4j.ops.Tensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * A projection target brought to the generator's size and channel count. Another size is centre-cropped to a
 * square and Lanczos-resized, with a warning: the official projector does exactly this for every target, and a
 * photo is rarely the model's size. A gray image for an RGB model is repeated to 3 channels (lossless, as the
 * official {@code convert('RGB')}); a colour image for a gray model is refused, because dropping its colour
 * silently would make the projection answer another question than the one asked.
 */
public final class TargetImage {
    private TargetImage() {}

    /** @param warn receives one line per adjustment made (resize), for stderr */
    public static Uint8Image load(Path file, int resolution, int channels, Consumer<String> warn) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read target " + file + " (" + e.getClass().getSimpleName() + "); check the path");
        }
        Uint8Image img = ImageDecoding.decode(bytes, file.toString());
        if (img.channels() != channels) {
            if (channels == 1)
                throw new IllegalArgumentException(file + " is a colour image but the model makes gray images; convert it to"
                        + " grayscale first, so that you choose how colour maps to gray");
            img = img.withChannels(channels);
        }
        if (img.width() != resolution || img.height() != resolution) {
            warn.accept("warning: target " + file + " is " + img.width() + "x" + img.height() + "; centre-cropped and resized to "
                    + resolution + "x" + resolution + " (as the official projector does)");
            img = CropTransform.CENTER_CROP.apply(img, resolution, file.toString());
        }
        return img;
    }

    /** CHW uint8 -> [C, H, W] float on 0..255 on {@code device}. */
    public static Tensor toTensor(Uint8Image img, Device device) {
        byte[] px = img.pixels();
        float[] f = new float[px.length];
        for (int i = 0; i < px.length; i++) f[i] = px[i] & 0xff;
        return Tensors.fromFloats(f, new long[] {img.channels(), img.height(), img.width()}, device);
    }
}
