package io.stylegan4j.bench;

import io.stylegan4j.ops.Tensors;
import java.util.Locale;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** The dtypes a benchmark can run in, by their short names, and how close a reduced-precision image is to f32. */
public enum Precision {
    F32(ScalarType.Float),
    BF16(ScalarType.BFloat16);

    public final ScalarType scalarType;

    Precision(ScalarType t) {
        this.scalarType = t;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Precision parse(String s) {
        for (Precision p : values()) if (p.label().equals(s.trim().toLowerCase(Locale.ROOT))) return p;
        throw new IllegalArgumentException("unknown dtype '" + s + "': use f32 or bf16");
    }

    /**
     * PSNR in dB of {@code test} against {@code ref} as images: both clamped to [-1, 1] as the image writers do
     * (randomly initialized generators overshoot that range: std about 2), peak-to-peak 2, 10 log10(2^2 / MSE);
     * infinite when they are equal.
     */
    public static double psnr(Tensor test, Tensor ref) {
        Tensor a = test.to(ScalarType.Double).clamp(Tensors.scalarOpt(-1), Tensors.scalarOpt(1));
        Tensor b = ref.to(ScalarType.Double).clamp(Tensors.scalarOpt(-1), Tensors.scalarOpt(1));
        double mse = Tensors.item(a.sub(b).square().mean());
        return 10 * Math.log10(4 / mse);
    }
}
