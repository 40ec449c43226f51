package io.stylegan4j.model;

import io.stylegan4j.ops.Tensors;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Style mixing (StyleGAN Section 3.1): some layers take their w from a second source. A crossover at layer k
 * (the training regularizer, rosinality's {@code inject_index}) takes ws [k, numWs) from the source; the
 * {@code mix} command's grids (StyleGAN Figure 3, the official style_mixing.py) take any set of layers.
 *
 * @param source a second latent z [N, zDim] ({@link Kind#LATENT}: the generator maps it with the same label and
 *               truncation, without moving w_avg, as the official {@code skip_w_avg_update}) or ws [N, numWs, wDim]
 * @param layers the ws indices taken from the source (sorted, immutable)
 */
public record StyleMix(Tensor source, Kind kind, SortedSet<Integer> layers) {
    public enum Kind { LATENT, WS }

    public StyleMix {
        if (source == null || kind == null) throw new IllegalArgumentException("a style mix needs a source and its kind");
        for (int l : layers) if (l < 0) throw new IllegalArgumentException("style-mix layer must be >= 0, got " + l);
        layers = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(layers));
    }

    /** Layers from a second latent z2, mapped by the generator. */
    public static StyleMix latent(Tensor z2, Set<Integer> layers) {
        return new StyleMix(z2, Kind.LATENT, new TreeSet<>(layers));
    }

    /** Layers from given ws [N, numWs, wDim]. */
    public static StyleMix ws(Tensor ws2, Set<Integer> layers) {
        return new StyleMix(ws2, Kind.WS, new TreeSet<>(layers));
    }

    /** The layers from {@code layer} to the end: [layer, numWs). */
    public static Set<Integer> crossover(int layer, int numWs) {
        Set<Integer> out = new TreeSet<>();
        for (int l = layer; l < numWs; l++) out.add(l);
        return out;
    }

    /**
     * The one mixing function: {@code ws} with the ws indices in {@code layers} replaced by {@code source}'s
     * (official {@code w[col_styles] = w_col[col_styles]}). Runs of consecutive layers are copied as one slice, so a
     * crossover is two slices (the training step's graph). Both [N, numWs, wDim]; differentiable in both.
     */
    public static Tensor mix(Tensor ws, Tensor source, Set<Integer> layers) {
        long n = ws.size(0), numWs = ws.size(1);
        Tensors.assertShape(source, "style-mix source ws", n, numWs, ws.size(2));
        for (int l : layers)
            if (l >= numWs) throw new IllegalArgumentException("style-mix layer " + l + " is past this model's num_ws " + numWs);
        if (layers.isEmpty()) return ws;
        if (layers.size() == numWs) return source;
        TensorVector parts = new TensorVector();
        int start = 0;
        boolean fromSource = layers.contains(0);
        for (int l = 1; l <= numWs; l++) {
            boolean next = l < numWs && layers.contains(l);
            if (l == numWs || next != fromSource) {
                parts.push_back((fromSource ? source : ws).narrow(1, start, l - start));
                start = l;
                fromSource = next;
            }
        }
        return torch.cat(parts, 1);
    }
}
