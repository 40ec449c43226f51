package io.stylegan4j.projection;

import io.stylegan4j.ops.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.StringIValueMap;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The minimal TorchScript call the projector needs until the metrics package's detector loader is on main:
 * {@code vgg16(img, resize_images=False, return_lpips=True)} with autograd kept (the loss backpropagates through
 * it). Works with the official {@code vgg16.pt} and the stand-in of {@code shared/fixtures/metrics}.
 */
public final class Vgg16Lpips implements AutoCloseable {
    public static final String FILE_NAME = "vgg16.pt";
    public static final String URL = "https://nvlabs-fi-cdn.nvidia.com/stylegan2-ada-pytorch/pretrained/metrics/vgg16.pt";
    private final JitModule module;
    private final Path file;

    private Vgg16Lpips(JitModule module, Path file) {
        this.module = module;
        this.file = file;
    }

    /** Loads {@code file}; a missing file is one line naming it and where to get it. */
    public static Vgg16Lpips load(Path file, Device device) {
        if (!Files.isRegularFile(file))
            throw new IllegalArgumentException("LPIPS needs the VGG16 detector " + file + ", which does not exist: download " + URL
                    + " there (or pass --vgg16 FILE), or use --distance mse for a pixel-space projection");
        JitModule m;
        try {
            m = torch.load(new BytePointer(file.toString()), new DeviceOptional(device), false);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is not a TorchScript VGG16 detector (" + firstLine(e) + ")");
        }
        m.eval();
        return new Vgg16Lpips(m, file);
    }

    public Path file() {
        return file;
    }

    /** [N, 3, H, W] float on 0..255 -> the LPIPS embedding [N, D]. */
    public Tensor lpips(Tensor img) {
        Tensors.assertShape(img, "VGG16 input", -1, 3, -1, -1);
        StringIValueMap kwargs = new StringIValueMap();
        kwargs.put(new BytePointer("resize_images"), new IValue(false));
        kwargs.put(new BytePointer("return_lpips"), new IValue(true));
        IValue out;
        try {
            out = module.forward(new IValueVector(new IValue(img)), kwargs);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " failed on a " + Tensors.describe(img) + " batch: " + firstLine(e));
        }
        return out.toTensor();
    }

    @Override
    public void close() {
        module.close();
    }

    private static String firstLine(RuntimeException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.strip().split("\n")[0];
    }
}
