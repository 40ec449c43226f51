package io.stylegan4j.cli;

import io.stylegan4j.io.ImageFiles;
import io.stylegan4j.io.Mp4Writer;
import io.stylegan4j.model.ImageGenerator;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.random.NumpyRandom;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A loop through the latent space: seed 0 -> seed 1 -> ... -> seed 0. In W a straight line (lerp), as StyleGAN's
 * perceptual path length measures it; in Z a great circle (slerp), because Gaussian z concentrate near a sphere
 * and a straight line between two of them passes through unlikely, low-norm z.
 */
@Command(name = "interpolate", mixinStandardHelpOptions = true,
        description = {"Interpolation video between consecutive seeds, looping back to the first.",
                "--space w: lerp between the mapped ws; --space z: slerp between the raw z vectors, then map. "
                        + "Writes frame%%04d.png (--frames per pair of seeds), a looping interpolation.gif and an H.264 interpolation.mp4 (enlarged to at least 256 px)."})
final class InterpolateCommand implements Callable<Integer> {
    enum Space { w, z }

    @Option(names = "--seeds", required = true, description = "at least two seeds, visited in order, e.g. 0,5,9")
    String seeds;

    @Option(names = "--space", defaultValue = "w", description = "w (lerp) or z (slerp) (default: ${DEFAULT-VALUE})")
    Space space;

    @Option(names = "--frames", defaultValue = "24", description = "frames from one seed to the next (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--trunc", defaultValue = "1", description = "truncation psi (default: ${DEFAULT-VALUE})")
    double psi;

    @Option(names = "--fps", defaultValue = "24", description = "GIF and MP4 frames per second (default: ${DEFAULT-VALUE})")
    int fps;

    @Mixin
    NetworkOptions net;

    @Mixin
    RenderOptions render;

    @Override
    public Integer call() throws Exception {
        List<Long> s = Sampling.seeds("--seeds", seeds);
        if (s.size() < 2) throw new IllegalArgumentException("--seeds needs at least two seeds to interpolate between, got " + s.size());
        if (frames < 1) throw new IllegalArgumentException("--frames must be >= 1, got " + frames);
        if (fps < 1 || fps > 100) throw new IllegalArgumentException("--fps must be in 1..100, got " + fps);
        Sampling.finite("--trunc", psi);
        Device dev = net.open();
        ImageGenerator g = net.load(dev);
        int zDim = g.zDim();
        List<Tensor> ws = new ArrayList<>();
        if (space == Space.w) for (long seed : s) ws.add(Sampling.ws(g, seed, Truncation.of(psi), net.classIndex, dev));

        int n = s.size() * frames;
        List<BufferedImage> gif = new ArrayList<>(n);
        Sampling.render(g, n, render.batch, i -> {
            int k = i / frames, next = (k + 1) % s.size();
            double t = (double) (i % frames) / frames;
            if (space == Space.w) return ws.get(k).lerp(ws.get(next), Tensors.scalar(t));
            float[] z = slerp(NumpyRandom.latent(s.get(k), zDim), NumpyRandom.latent(s.get(next), zDim), t);
            try (NoGradGuard ng = new NoGradGuard()) {
                return g.ws(Tensors.fromFloats(z, new long[] {1, zDim}, dev), Sampling.label(g, net.classIndex, dev), Truncation.of(psi));
            }
        }, render.noise, i -> s.get(0), (i, img) -> {
            ImageFiles.writePng(net.outdir.resolve(String.format("frame%04d.png", i)), img);
            gif.add(ImageFiles.toBufferedImage(img));
        });
        ImageFiles.writeGif(net.outdir.resolve("interpolation.gif"), gif, 1000 / fps, true);
        Mp4Writer.write(net.outdir.resolve("interpolation.mp4"), gif, fps);
        System.out.printf("interpolate: wrote %d frames, interpolation.gif and interpolation.mp4 to %s%n", n, net.outdir);
        return 0;
    }

    /**
     * Spherical interpolation of the raw vectors: the angle comes from their directions, the magnitudes interpolate
     * along with them. At t = 0 it returns a exactly (sin(theta)/sin(theta) is exactly 1), so frame 0 is the seed's image.
     * Nearly parallel vectors fall back to lerp, where slerp's division would lose precision.
     */
    static float[] slerp(float[] a, float[] b, double t) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        double cos = Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)));
        double theta = Math.acos(cos);
        double sin = Math.sin(theta);
        double ca, cb;
        if (sin < 1e-6) {
            ca = 1 - t;
            cb = t;
        } else {
            ca = Math.sin((1 - t) * theta) / sin;
            cb = Math.sin(t * theta) / sin;
        }
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (float) (ca * a[i] + cb * b[i]);
        return out;
    }
}
