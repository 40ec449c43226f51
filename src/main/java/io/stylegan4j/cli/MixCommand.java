package io.stylegan4j.cli;

import io.stylegan4j.api.Layers;
import io.stylegan4j.io.ImageFiles;
import io.stylegan4j.io.Uint8Image;
import io.stylegan4j.model.ImageGenerator;
import io.stylegan4j.model.StyleMix;
import io.stylegan4j.model.Truncation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * StyleGAN Figure 3, as the official style_mixing.py: each cell is the row seed's ws with the layers in --styles
 * taken from the column seed. Copying coarse layers brings the column's pose and face shape; fine layers only
 * its colours and micro-structure.
 */
@Command(name = "mix", mixinStandardHelpOptions = true,
        description = {"Style-mixing grid (StyleGAN Figure 3), as the official style_mixing.py.",
                "Top row: the column seeds; left column: the row seeds; cell (r, c): row seed r's ws with the layers "
                        + "in --styles replaced by column seed c's. Writes grid.png and one <row>-<col>.png per image.",
                "Presets, as ws indices (clipped to the model's num_ws): coarse = 0-3 (the 4x4 and 8x8 resolutions: "
                        + "pose, face shape), middle = 4-7 (16x16 and 32x32: features, hair style, eyes), fine = 8 to "
                        + "the end (64x64 and up: colour scheme, micro-structure)."})
final class MixCommand implements Callable<Integer> {

    @Option(names = "--rows", required = true, description = "row seeds, e.g. 85,100,75")
    String rows;

    @Option(names = "--cols", required = true, description = "column seeds, e.g. 55,821,1789")
    String cols;

    @ArgGroup(exclusive = true)
    Styles styles;

    static final class Styles {
        @Option(names = "--styles", description = "ws indices taken from the column seed (default: 0-6)")
        String list;

        @Option(names = "--preset", description = "coarse, middle or fine (see above)")
        String preset;
    }

    @Option(names = "--trunc", defaultValue = "1", description = "truncation psi (default: ${DEFAULT-VALUE})")
    double psi;

    @Mixin
    NetworkOptions net;

    @Mixin
    RenderOptions render;

    /** The ws indices a preset names ({@link Layers}' Figure 3 ranges), clipped to numWs; none is an error (fine on a 32px model). */
    static List<Integer> preset(String name, int numWs) {
        Layers layers = switch (name.trim().toLowerCase()) {
            case "coarse" -> Layers.COARSE;
            case "middle" -> Layers.MIDDLE;
            case "fine" -> Layers.FINE;
            default -> throw new IllegalArgumentException("--preset must be coarse, middle or fine, got '" + name + "'");
        };
        if (layers.from() >= numWs)
            throw new IllegalArgumentException("--preset " + name + " selects no layer of this model (num_ws " + numWs + "); use --styles");
        return Arrays.stream(layers.indices(numWs)).boxed().toList();
    }

    static List<Integer> styleList(String text, int numWs) {
        List<Integer> out = new ArrayList<>();
        try {
            for (long v : IntRanges.parse(text, 0, numWs - 1)) out.add((int) v);
        } catch (IntRanges.ParseException e) {
            throw new IllegalArgumentException("--styles: " + e.getMessage() + " (this model has num_ws " + numWs + ")");
        }
        return out;
    }

    @Override
    public Integer call() throws Exception {
        List<Long> rowSeeds = Sampling.seeds("--rows", rows);
        List<Long> colSeeds = Sampling.seeds("--cols", cols);
        Sampling.finite("--trunc", psi);
        Device dev = net.open();
        ImageGenerator g = net.load(dev);
        int numWs = g.numWs();
        List<Integer> layers = styles != null && styles.preset != null ? preset(styles.preset, numWs)
                : styleList(styles != null && styles.list != null ? styles.list : "0-6", numWs);

        // As the official tool: every distinct seed mapped once, kept outside the per-batch scopes.
        Map<Long, Tensor> w = new LinkedHashMap<>();
        for (long s : rowSeeds) w.computeIfAbsent(s, k -> Sampling.ws(g, k, Truncation.of(psi), net.classIndex, dev));
        for (long s : colSeeds) w.computeIfAbsent(s, k -> Sampling.ws(g, k, Truncation.of(psi), net.classIndex, dev));
        Set<Integer> fromCol = new TreeSet<>(layers);

        // Cells in grid order, (rows + 1) x (cols + 1); the top-left one stays black.
        int gc = colSeeds.size() + 1;
        int cells = (rowSeeds.size() + 1) * gc;
        List<Uint8Image> images = new ArrayList<>();
        // Random noise: one realization (torch seed 0) for every cell, so cells differ only by their styles.
        Sampling.render(g, cells - 1, render.batch, i -> {
            int r = (i + 1) / gc, c = (i + 1) % gc;
            if (r == 0) return w.get(colSeeds.get(c - 1));
            if (c == 0) return w.get(rowSeeds.get(r - 1));
            return StyleMix.mix(w.get(rowSeeds.get(r - 1)), w.get(colSeeds.get(c - 1)), fromCol);
        }, render.noise, i -> 0, (i, img) -> {
            int r = (i + 1) / gc, c = (i + 1) % gc;
            long rs = r == 0 ? colSeeds.get(c - 1) : rowSeeds.get(r - 1);
            long cs = c == 0 ? rowSeeds.get(r - 1) : colSeeds.get(c - 1);
            ImageFiles.writePng(net.outdir.resolve(rs + "-" + cs + ".png"), img);
            images.add(img);
        });
        images.add(0, Sampling.black(images.get(0)));
        ImageFiles.writePng(net.outdir.resolve("grid.png"), ImageFiles.grid(images, rowSeeds.size() + 1, gc, 0));
        System.out.printf("mix: wrote grid.png (%dx%d) and %d cell images to %s (styles %s)%n", rowSeeds.size() + 1, gc,
                cells - 1, net.outdir, layers);
        return 0;
    }
}
