package io.stylegan4j.bench;

import io.stylegan4j.model.Architecture;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.SynthesisBlock;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.ConvForm;
import io.stylegan4j.ops.Fir;
import io.stylegan4j.ops.StepScope;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.ops.Upfirdn2d;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.bytedeco.pytorch.Tensor;

/**
 * Where generation time goes: each layer of each synthesis block (conv0 = upsampling modulated conv, conv1, the
 * image upsampling of the skip path, tRGB) timed on its own with the same inputs a full forward gives it, in both
 * modulated-conv formulations (grouped per-sample weights and shared weight), median of {@code reps} runs. The
 * side-by-side columns are how the inference formulation per dtype was chosen (see SynthesisNetwork).
 */
public final class SynthesisProfile {
    private SynthesisProfile() {}

    /** One layer: its name, its output shape, and its median ms with grouped and with shared-weight modulation. */
    public record Row(String layer, String shape, double groupedMs, double sharedMs) {
        public String toText() {
            return String.format(Locale.ROOT, "%-12s %-20s grouped %8.1f ms   shared %8.1f ms   %s", layer, shape, groupedMs,
                    sharedMs, groupedMs <= sharedMs ? "grouped" : "shared");
        }
    }

    /** Skip or orig architecture only (the benchmark's config); ws [N, numWs, wDim], any dtype. */
    public static List<Row> profile(Generator g, Tensor ws, int warmup, int reps) {
        if (g.cfg.architecture() == Architecture.RESNET) throw new IllegalArgumentException("the profile covers skip and orig generators");
        List<Row> rows = new ArrayList<>();
        try (StepScope scope = StepScope.inference(); Fir fir = Fir.binomial(ws.device())) {
            ws = ws.to(g.synthesis.dtype());
            Tensor x = null, img = null;
            int wIdx = 0;
            long n = ws.size(0);
            for (SynthesisBlock b : g.synthesis.blocks()) {
                String name = "b" + b.resolution;
                Tensor bws = ws.narrow(1, wIdx, b.numConv + b.numToRgb);
                int wi = 0;
                if (b.in == 0) {
                    Tensor c = b.constInput().forward(n, false);
                    Tensor w = bws.select(1, wi++);
                    x = time(rows, name + ".conv1", warmup, reps, fused -> b.conv1().forward(c, w, Noise.CONST, form(fused), 1));
                } else {
                    Tensor x0 = x, w0 = bws.select(1, wi++);
                    x = time(rows, name + ".conv0", warmup, reps, fused -> b.conv0().forward(x0, w0, Noise.CONST, form(fused), 1));
                    Tensor x1 = x, w1 = bws.select(1, wi++);
                    x = time(rows, name + ".conv1", warmup, reps, fused -> b.conv1().forward(x1, w1, Noise.CONST, form(fused), 1));
                }
                if (img != null) {
                    Tensor i0 = img;
                    img = time(rows, name + ".upimg", warmup, reps, fused -> Upfirdn2d.upsample2d(i0, fir));
                }
                if (b.torgb() != null) {
                    Tensor xr = x, wr = bws.select(1, wi);
                    Tensor rgb = time(rows, name + ".torgb", warmup, reps, fused -> b.torgb().forward(xr, wr, form(fused)));
                    img = img == null ? rgb : img.add(rgb);
                }
                wIdx += b.numConv;
            }
        }
        return rows;
    }

    private static ConvForm form(boolean grouped) {
        return grouped ? ConvForm.GROUPED : ConvForm.SHARED_WEIGHT;
    }

    private interface Layer {
        Tensor run(boolean fused);
    }

    /** Times the layer both ways, appends the row, returns its (grouped) output for the next layer. */
    private static Tensor time(List<Row> rows, String name, int warmup, int reps, Layer layer) {
        double grouped = median(warmup, reps, () -> layer.run(true));
        double shared = median(warmup, reps, () -> layer.run(false));
        Tensor out = layer.run(true);
        rows.add(new Row(name, Arrays.toString(Tensors.shape(out)), grouped, shared));
        return out;
    }

    private static double median(int warmup, int reps, Supplier<Tensor> f) {
        return Timing.median(Timing.repeat(warmup, reps, f::get));
    }
}
