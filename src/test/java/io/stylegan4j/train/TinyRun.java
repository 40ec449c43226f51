package io.stylegan4j.train;

import io.stylegan4j.data.ProceduralDataset;
import io.stylegan4j.model.DiscriminatorConfig;
import io.stylegan4j.model.GeneratorConfig;

/** A training configuration small enough to run a few dozen steps in seconds (16 px, 16 channels). */
final class TinyRun {
    private TinyRun() {}

    static ProceduralDataset data() {
        return new ProceduralDataset(16, 64, 0);
    }

    /** Lazy R1 every 4 and path length every 2 steps, so a short run passes through every phase. */
    static TrainingOptions options(double kimg, double kimgPerTick) {
        GeneratorConfig g = GeneratorConfig.of(16, 3).withLatent(16, 16).withMappingLayers(2).withChannels(128, 16);
        DiscriminatorConfig d = DiscriminatorConfig.of(16, 3).withChannels(128, 16);
        LossConfig loss = LossConfig.stylegan2(0.5).withRegIntervals(4, 2);
        Adam.Settings adam = new Adam.Settings(0.0025, 0, 0.99, 1e-8);
        return new TrainingOptions("tiny", "builtin:16", g, d, loss, adam, adam, 8, kimg, kimgPerTick, 1, 10, 1.0, 0.05, true, 7);
    }

    /** The same run, class-conditional on the procedural shapes' kind (their label). */
    static TrainingOptions conditional(TrainingOptions o) {
        int classes = data().classCount();
        return o.withNetworks(o.g().withCDim(classes), o.d().withCDim(classes));
    }
}
