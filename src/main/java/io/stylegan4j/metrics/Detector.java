package io.stylegan4j.metrics;

import io.stylegan4j.ops.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.StringIValueMap;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A feature network as the official metric code loads it: a TorchScript file ({@code torch.jit.load}), called with
 * an image batch and keyword flags. The same class serves the Inception ({@code return_features}) and the VGG16
 * ({@code return_features}, {@code return_lpips}, {@code resize_images}), so FID, KID, precision/recall, PPL and
 * projection all go through one loader; which flags a file accepts is the file's business, and a flag it does not
 * know fails with the file's own message.
 */
public final class Detector implements AutoCloseable {
    private final JitModule module;
    private final Path file;
    private final Device device;

    private Detector(JitModule module, Path file, Device device) {
        this.module = module;
        this.file = file;
        this.device = device;
    }

    /**
     * Loads a TorchScript detector onto {@code device}, in eval mode.
     *
     * @throws MetricException when the file is missing or is not a TorchScript module
     */
    public static Detector load(Path file, Device device) {
        if (!Files.isRegularFile(file)) throw new MetricException(file + ": no such detector file");
        JitModule m;
        try {
            m = torch.load(file.toString(), new DeviceOptional(device), false);
        } catch (RuntimeException e) {
            throw new MetricException(file + " is not a TorchScript detector (" + firstLine(e.getMessage())
                    + "); pass the official .pt file as it was downloaded");
        }
        m.eval();
        return new Detector(m, file, device);
    }

    public Path file() {
        return file;
    }

    public Device device() {
        return device;
    }

    /**
     * {@code detector(img, **flags)}: img is [N, 3, H, W] uint8 or float on a 0..255 scale. Runs without autograd
     * (the official code calls detectors in inference only); projection, which needs gradients through LPIPS, uses
     * {@link #callWithGrad}.
     */
    public Tensor call(Tensor img, Map<String, Boolean> flags) {
        try (NoGradGuard g = new NoGradGuard()) {
            return callWithGrad(img, flags);
        }
    }

    /** As {@link #call}, keeping the autograd graph (for a loss through LPIPS, as the projector has). */
    public Tensor callWithGrad(Tensor img, Map<String, Boolean> flags) {
        Tensors.assertShape(img, "detector input", -1, 3, -1, -1);
        StringIValueMap kwargs = new StringIValueMap();
        for (Map.Entry<String, Boolean> f : flags.entrySet()) kwargs.put(new BytePointer(f.getKey()), new IValue(f.getValue()));
        IValue out;
        try {
            out = module.forward(new IValueVector(new IValue(img)), kwargs);
        } catch (RuntimeException e) {
            throw new MetricException(file + " failed on a " + Tensors.describe(img) + " batch with " + flags + ": "
                    + firstLine(e.getMessage()));
        }
        if (!out.isTensor()) throw new MetricException(file + " returned something other than a tensor; is it a feature detector?");
        return out.toTensor();
    }

    /** The official FID/KID/PR call: {@code detector(img, return_features=True)}, as float32 [N, D]. */
    public Tensor features(Tensor img) {
        return call(img, Map.of("return_features", true));
    }

    /** The PPL/projector call: {@code vgg16(img, resize_images=False, return_lpips=True)}, [N, D]. */
    public Tensor lpips(Tensor img) {
        return call(img, Map.of("resize_images", false, "return_lpips", true));
    }

    static String firstLine(String s) {
        if (s == null) return "no message";
        String line = s.strip().split("\n")[0];
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    @Override
    public void close() {
        module.close();
    }
}
