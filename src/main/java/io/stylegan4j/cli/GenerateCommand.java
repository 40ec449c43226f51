package io.stylegan4j.cli;

import io.stylegan4j.io.ImageFiles;
import io.stylegan4j.io.Npz;
import io.stylegan4j.io.Uint8Image;
import io.stylegan4j.model.ImageGenerator;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.ops.Tensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The official generate.py: one image per seed, z drawn exactly as numpy draws it, so seeds name the same faces. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate one image per seed (seed%%04d.png), as the official generate.py.",
                "z = RandomState(seed).randn(1, z_dim) as float32, so a seed gives the official tools' image. "
                        + "--noise-mode random reseeds torch with each image's seed, so reruns are identical."})
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--seeds", description = "seeds, e.g. 0-7,42 (each in 0..2^32-1)")
    String seeds;

    @Option(names = "--projected-w", description = "render the ws of a projector's projected_w.npz instead of seeds (proj%%02d.png)")
    Path projectedW;

    @Option(names = "--trunc", defaultValue = "1", description = "truncation psi (default: ${DEFAULT-VALUE})")
    double psi;

    @Option(names = "--trunc-cutoff", description = "truncate only the first N ws (default: all)")
    Integer cutoff;

    @Option(names = "--grid", description = "also write grid.png, all seeds in a near-square grid")
    boolean grid;

    @Mixin
    NetworkOptions net;

    @Mixin
    RenderOptions render;

    @Override
    public Integer call() throws Exception {
        if ((seeds == null) == (projectedW == null)) throw new IllegalArgumentException("pass either --seeds or --projected-w");
        if (projectedW != null) return projected();
        List<Long> s = Sampling.seeds("--seeds", seeds);
        Sampling.finite("--trunc", psi);
        if (cutoff != null && cutoff < 0) throw new IllegalArgumentException("--trunc-cutoff must be >= 0, got " + cutoff);
        Device dev = net.open();
        ImageGenerator g = net.load(dev);
        List<Uint8Image> kept = new ArrayList<>();
        Sampling.render(g, s.size(), render.batch, i -> Sampling.ws(g, s.get(i), new Truncation(psi, cutoff), net.classIndex, dev), render.noise, s::get, (i, img) -> {
            ImageFiles.writePng(net.outdir.resolve(String.format("seed%04d.png", s.get(i))), img);
            if (grid) kept.add(img);
        });
        if (grid) ImageFiles.writePng(net.outdir.resolve("grid.png"), Sampling.grid(kept, Sampling.gridCols(kept.size())));
        System.out.printf("generate: wrote %d images%s to %s%n", s.size(), grid ? " and grid.png" : "", net.outdir);
        return 0;
    }

    /** As the official generate.py --projected-w: every w of the file [N, num_ws, w_dim], noise as --noise-mode says. */
    private int projected() throws Exception {
        Npz.Array a = Npz.read(projectedW, "w");
        Device dev = net.open();
        ImageGenerator g = net.load(dev);
        io.stylegan4j.projection.Projectable p = ProjectionOptions.projectable(g, net, dev); // refuses ProGAN (no W space)
        long[] want = {p.numWs(), p.wDim()};
        if (a.shape().length != 3 || a.shape()[1] != want[0] || a.shape()[2] != want[1])
            throw new IllegalArgumentException(projectedW + ": w has shape " + Arrays.toString(a.shape()) + ", this model needs [N, "
                    + want[0] + ", " + want[1] + "]; was it projected with another model?");
        int n = (int) a.shape()[0], size = p.numWs() * p.wDim();
        Sampling.render(g, n, render.batch, i -> Tensors.fromFloats(Arrays.copyOfRange(a.data(), i * size, (i + 1) * size),
                new long[] {1, want[0], want[1]}, dev), render.noise, i -> i,
                (i, img) -> ImageFiles.writePng(net.outdir.resolve(String.format("proj%02d.png", i)), img));
        System.out.printf("generate: wrote %d images from %s to %s%n", n, projectedW, net.outdir);
        return 0;
    }
}
