package io.stylegan4j.cli;

import io.stylegan4j.data.ProceduralDataset;
import io.stylegan4j.train.Presets;
import io.stylegan4j.train.TrainingLoop;
import io.stylegan4j.train.TrainingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The README's first command: trains the cpu32 preset on the built-in shapes (no download) for a few minutes, then
 * renders what a user wants to see of a StyleGAN: a fakes grid, a style-mixing grid and an interpolation GIF.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train a small model on the built-in shapes for a few minutes and write a fakes grid, a style-mixing grid and an interpolation GIF.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--outdir", defaultValue = "demo-out", description = "output folder (default: ${DEFAULT-VALUE})")
    Path outdir;

    @Option(names = "--kimg", defaultValue = "4", description = "training length in thousands of images (default: ${DEFAULT-VALUE})")
    double kimg;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        Device dev = engine.open();
        Path run = outdir.resolve("run");
        ProceduralDataset data = new ProceduralDataset();
        TrainingOptions o = Presets.resolve("cpu32", "builtin", data.resolution(), data.channels())
                .withKimg(kimg).withTick(Math.max(kimg / 4, 0.1), 4);
        System.out.printf("demo: training %s on %s for %.1f kimg (a few minutes on 2 cores)%n", o.cfg(), data.description(), kimg);
        Path snap = new TrainingLoop(o, run, data, dev, System.out).run(null);
        Files.copy(snap, outdir.resolve("model.safetensors"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String net = outdir.resolve("model.safetensors").toString();
        int rc = sub("generate", "--network", net, "--seeds", "0-15", "--grid", "--outdir", outdir.resolve("fakes").toString());
        rc |= sub("mix", "--network", net, "--rows", "85,100,75,458", "--cols", "55,821,1789,293", "--styles", "0-3",
                "--outdir", outdir.resolve("mix").toString());
        rc |= sub("interpolate", "--network", net, "--seeds", "0,5,9,14", "--frames", "12", "--outdir", outdir.resolve("interpolate").toString());
        if (rc != 0) return rc;
        System.out.printf("demo: done. Look at %s/fakes/grid.png, %s/mix/grid.png, %s/interpolate/interpolation.gif, %s/curves.png%n",
                outdir, outdir, outdir, run);
        return 0;
    }

    private int sub(String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--device", engine.device, "--threads", Integer.toString(engine.threads))).toArray(String[]::new);
        return Main.run(all);
    }
}
