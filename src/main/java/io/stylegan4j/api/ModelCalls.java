package io.stylegan4j.api;

import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.NoiseLayer;
import io.stylegan4j.model.StyleMix;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.nn.NoiseMode;
import io.stylegan4j.ops.Tensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * The one place the facade calls the model, so a change of the generator's API is one edit here. Every method
 * runs under the caller's no-grad guard and pointer scope.
 */
final class ModelCalls {
    private ModelCalls() {}

    static Generator load(Path file, Device dev) {
        return ModelFile.loadGenerator(file, dev);
    }

    /** z [N, zDim], labels [N, cDim] or null -> ws [N, numWs, wDim], truncated (G is in eval mode: w_avg stays). */
    static Tensor map(Generator g, Tensor z, Tensor c, double psi, Integer cutoff) {
        return g.ws(z, c, new Truncation(psi, cutoff));
    }

    static Tensor truncate(Generator g, Tensor ws, double psi, Integer cutoff) {
        return g.truncate(ws, new Truncation(psi, cutoff));
    }

    /** {@code ws} with the ws indices in {@code layers} taken from {@code source}. */
    static Tensor mix(Tensor ws, Tensor source, int[] layers) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int l : layers) set.add(l);
        return StyleMix.mix(ws, source, set);
    }

    /**
     * ws [N, numWs, wDim] -> images [N, C, H, W] in [-1, 1]. RANDOM noise is drawn here, from {@code noiseSeed}, and
     * passed as explicit per-layer tensors: libtorch's own generator is one per process, and drawing from it would
     * let concurrent renders take each other's numbers.
     */
    static Tensor synthesize(Generator g, Tensor ws, NoiseMode noise, long noiseSeed, Device dev) {
        if (noise != NoiseMode.RANDOM) return g.synthesize(ws, Noise.of(noise));
        SplittableRandom rnd = new SplittableRandom(noiseSeed);
        long n = ws.size(0);
        List<Tensor> perLayer = new ArrayList<>();
        for (NoiseLayer l : g.noiseLayers()) {
            float[] v = new float[(int) (n * l.resolution() * l.resolution())];
            for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian();
            perLayer.add(Tensors.fromFloats(v, new long[] {n, 1, l.resolution(), l.resolution()}, dev));
        }
        return g.synthesize(ws, Noise.explicit(perLayer));
    }

    static void close(Generator g) {
        g.close();
    }
}
