package io.stylegan4j.cli;

import io.stylegan4j.io.ImageFiles;
import io.stylegan4j.io.Uint8Image;
import io.stylegan4j.model.ImageGenerator;
import io.stylegan4j.model.Truncation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * StyleGAN Figure 8: the truncation trick w' = w_avg + psi (w - w_avg). psi = 0 gives w_avg itself (the same
 * "mean face" for every seed); negative psi gives the seed's "opposite".
 */
@Command(name = "truncation", mixinStandardHelpOptions = true,
        description = {"Truncation-trick grid (StyleGAN Figure 8): one row per seed, one column per psi.",
                "Each seed is mapped with psi 1, then truncated toward w_avg; the psi=0 column is w_avg, the same "
                        + "image for every seed. Writes grid.png and seed%%04d-psi<psi>.png per cell."})
final class TruncationCommand implements Callable<Integer> {

    @Option(names = "--seeds", required = true, description = "seeds, one row each, e.g. 0-5")
    String seeds;

    @Option(names = "--psi", split = ",", defaultValue = "-1,-0.5,0,0.5,0.7,1",
            description = "psi values, one column each; write negatives as --psi=-1,0,1 (default: ${DEFAULT-VALUE})")
    List<Double> psis;

    @Option(names = "--trunc-cutoff", description = "truncate only the first N ws (default: all)")
    Integer cutoff;

    @Mixin
    NetworkOptions net;

    @Mixin
    RenderOptions render;

    @Override
    public Integer call() throws Exception {
        List<Long> s = Sampling.seeds("--seeds", seeds);
        for (double p : psis) Sampling.finite("--psi", p);
        if (cutoff != null && cutoff < 0) throw new IllegalArgumentException("--trunc-cutoff must be >= 0, got " + cutoff);
        Device dev = net.open();
        ImageGenerator g = net.load(dev);
        List<Tensor> ws = new ArrayList<>();
        for (long seed : s) ws.add(Sampling.ws(g, seed, Truncation.NONE, net.classIndex, dev));
        int cols = psis.size();
        List<Uint8Image> images = new ArrayList<>();
        // Random noise: every cell of a row gets its seed's noise, so only psi changes along a row.
        Sampling.render(g, s.size() * cols, render.batch, i -> g.truncate(ws.get(i / cols), new Truncation(psis.get(i % cols), cutoff)),
                render.noise, i -> s.get(i / cols), (i, img) -> {
                    ImageFiles.writePng(net.outdir.resolve(String.format("seed%04d-psi%s.png", s.get(i / cols), psis.get(i % cols))), img);
                    images.add(img);
                });
        ImageFiles.writePng(net.outdir.resolve("grid.png"), ImageFiles.grid(images, s.size(), cols, 0));
        System.out.printf("truncation: wrote grid.png (%d seeds x %d psi) to %s%n", s.size(), cols, net.outdir);
        return 0;
    }
}
