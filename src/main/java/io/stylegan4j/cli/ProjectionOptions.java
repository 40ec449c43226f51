package io.stylegan4j.cli;

import io.stylegan4j.metrics.MetricException;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.ImageGenerator;
import io.stylegan4j.model.v1.ProgressiveGenerator;
import io.stylegan4j.model.v1.StyleGenerator;
import io.stylegan4j.projection.ImageDistance;
import io.stylegan4j.projection.Lpips;
import io.stylegan4j.projection.PixelMse;
import io.stylegan4j.projection.Projectable;
import io.stylegan4j.projection.ProjectionConfig;
import io.stylegan4j.projection.StyleGan2Projectable;
import io.stylegan4j.projection.StyleGanV1Projectable;
import io.stylegan4j.projection.WStats;
import org.bytedeco.pytorch.Device;
import picocli.CommandLine.Option;

/** The projector's flags, shared by {@code project} and {@code attribute}. */
final class ProjectionOptions {
    enum Distance { lpips, mse }

    @Option(names = "--num-steps", defaultValue = "1000", description = "optimization steps (default: ${DEFAULT-VALUE})")
    int numSteps;

    @Option(names = "--seed", defaultValue = "303", description = "seed of the noise maps' start and the w noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--w-plus", description = "optimize one w per layer (W+) instead of one w for all layers")
    boolean wPlus;

    @Option(names = "--distance", defaultValue = "lpips",
            description = "lpips (the VGG16 detector, as officially) or mse (pixel space, a fallback without the detector) (default: ${DEFAULT-VALUE})")
    Distance distance;

    @picocli.CommandLine.Mixin
    DetectorOptions detector;

    ProjectionConfig config() {
        if (numSteps < 1) throw new IllegalArgumentException("--num-steps must be >= 1, got " + numSteps);
        return ProjectionConfig.official().withNumSteps(numSteps).withSeed(seed).withWPlus(wPlus);
    }

    ImageDistance open(Device dev) {
        if (distance == Distance.mse) return new PixelMse();
        try {
            return lpips(detector, dev);
        } catch (MetricException e) {
            throw new IllegalArgumentException(e.getMessage() + "; or use --distance mse for a pixel-space projection");
        }
    }

    /** LPIPS through the VGG16 of --detector-dir / --detector vgg16=FILE, for the commands that need it without projecting too. */
    static ImageDistance lpips(DetectorOptions detector, Device dev) {
        return Lpips.open(detector.files(), dev);
    }

    /** What project and attribute set up alike: the model as {@link Projectable}, the distance, W's statistics. */
    record Session(ProjectionConfig cfg, ImageGenerator g, Projectable model, ImageDistance distance, WStats stats)
            implements AutoCloseable {
        @Override
        public void close() {
            distance.close();
        }
    }

    /** Opens the device and the model (checking --outdir and --class), then the distance, then estimates w_avg/w_std. */
    Session open(NetworkOptions net) {
        ProjectionConfig cfg = config();
        Device dev = net.open();
        ImageGenerator g = net.load(dev);
        Projectable p = projectable(g, net, dev);
        ImageDistance d = open(dev);
        return new Session(cfg, g, p, d, WStats.estimate(p, cfg.wAvgSamples()));
    }

    /**
     * The one place the CLI wraps a loaded generator for projection and the analyses: StyleGAN2 and StyleGAN v1 have a
     * W space; ProGAN has none and is refused.
     */
    static Projectable projectable(ImageGenerator g, NetworkOptions net, Device dev) {
        if (g instanceof Generator s) return new StyleGan2Projectable(s, Sampling.label(s, net.classIndex, dev), dev);
        if (g instanceof StyleGenerator v1) return new StyleGanV1Projectable(v1, dev);
        throw new IllegalArgumentException(net.network + " is a " + ((ProgressiveGenerator) g).family()
                + " model, which has no W space; this command needs a StyleGAN2 or StyleGAN v1 model");
    }
}
