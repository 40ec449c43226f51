package io.stylegan4j.api;

import io.stylegan4j.io.ModelFile;
import io.stylegan4j.model.Generator;
import io.stylegan4j.nn.NoiseMode;
import java.nio.file.Path;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The one place the facade calls the model, so a change of the generator's API is one edit here. Every method
 * runs under the caller's no-grad guard and pointer scope.
 */
final class ModelCalls {
    /**
     * libtorch's default random generator is one per process: seeding it and drawing RANDOM noise must happen together,
     * or two threads would draw from each other's seeds.
     */
    private static final Object TORCH_RNG = new Object();

    private ModelCalls() {}

    static Generator load(Path file, Device dev) {
        return ModelFile.loadGenerator(file, dev);
    }

    /** z [N, zDim], labels [N, cDim] or null -> ws [N, numWs, wDim], truncated; w_avg is left alone. */
    static Tensor map(Generator g, Tensor z, Tensor c, double psi, Integer cutoff) {
        return g.mapping.forward(z, c, psi, cutoff, false);
    }

    static Tensor truncate(Generator g, Tensor ws, double psi, Integer cutoff) {
        return g.mapping.truncate(ws, psi, cutoff);
    }

    /** {@code ws} with the ws indices in {@code layers} taken from {@code source} (official {@code w[col_styles] = w_col[col_styles]}). */
    static Tensor mix(Tensor ws, Tensor source, int[] layers) {
        boolean[] fromSource = new boolean[(int) ws.size(1)];
        for (int l : layers) fromSource[l] = true;
        TensorVector parts = new TensorVector();
        for (int l = 0; l < fromSource.length; l++) parts.push_back((fromSource[l] ? source : ws).narrow(1, l, 1));
        return torch.cat(parts, 1);
    }

    /** ws [N, numWs, wDim] -> images [N, C, H, W] in [-1, 1]; RANDOM noise is drawn from {@code noiseSeed}. */
    static Tensor synthesize(Generator g, Tensor ws, NoiseMode noise, long noiseSeed) {
        if (noise != NoiseMode.RANDOM) return g.synthesis.forward(ws, noise, null);
        synchronized (TORCH_RNG) {
            torch.manual_seed(noiseSeed);
            return g.synthesis.forward(ws, noise, null);
        }
    }
}
