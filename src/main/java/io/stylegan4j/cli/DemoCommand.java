package io.stylegan4j.cli;

import io.stylegan4j.api.Latent;
import io.stylegan4j.api.Layers;
import io.stylegan4j.api.Render;
import io.stylegan4j.api.StyleGan;
import io.stylegan4j.data.ProceduralDataset;
import io.stylegan4j.io.ImageFiles;
import io.stylegan4j.io.Mp4Writer;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.train.Checkpoint;
import io.stylegan4j.train.Presets;
import io.stylegan4j.train.TrainingLoop;
import io.stylegan4j.train.TrainingOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The README's first command. Training a StyleGAN from scratch to recognizable shapes takes far longer on 2 CPU
 * cores than a first run should (docs/models/README.md), so the demo starts from a model that stylegan4j trained on the built-in shapes (docs/models/README.md:
 * how, and for how long), fine-tunes it for half a kimg to show training running (half a minute on a quiet 2-core
 * machine), then renders through the library API what a user wants to see: samples of every class, a style-mixing
 * grid and an interpolation.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Fine-tune the shipped shapes model for 0.5 kimg, then write a fakes grid (one row per shape class), a style-mixing grid",
                "(rows keep their shape, columns give their colours) and an interpolation (GIF and MP4)."})
final class DemoCommand implements Callable<Integer> {
    /** The shipped model, relative to the project folder. */
    static final String SHIPPED = "docs/models/shapes32.safetensors";
    /** The ws taken from the mixing grid's columns: at 32 px, the 16x16 and 32x32 layers and the last toRGB, which carry colour. */
    static final Layers COLOUR_LAYERS = new Layers(4, 7);

    @Option(names = "--outdir", defaultValue = "demo-out", description = "output folder (default: ${DEFAULT-VALUE})")
    Path outdir;

    @Option(names = "--kimg", defaultValue = "0.5", description = "thousands of images to train (default: ${DEFAULT-VALUE})")
    double kimg;

    @Option(names = "--init", description = "the snapshot to fine-tune, or 'none' to train from scratch (default: the shipped "
            + SHIPPED + ", found beside ./stylegan4j or in the current folder)")
    String init;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        if (!(kimg > 0)) throw new IllegalArgumentException("--kimg must be positive, got " + kimg);
        Device dev = engine.open();
        Path start = startingPoint();
        Path run = outdir.resolve("run");
        ProceduralDataset data = new ProceduralDataset();
        TrainingOptions o;
        if (start == null) {
            o = Presets.resolve("cpu32", "builtin", data.resolution(), data.channels());
            o = o.withNetworks(o.g().withCDim(data.classCount()), o.d().withCDim(data.classCount())) // as the shipped model: conditional on the shape
                    .withKimg(kimg);
            System.out.printf("demo: training %s on %s from scratch for %.1f kimg%n", o.cfg(), data.description(), kimg);
        } else {
            Checkpoint.Loaded shipped = Checkpoint.readHeader(start, SafeTensors.read(start));
            o = shipped.opts().withKimg(shipped.state().imagesSeen() / 1000.0 + kimg);
            System.out.printf("demo: fine-tuning %s (%.1f kimg on %s) for %.1f kimg more%n", start, shipped.state().imagesSeen() / 1000.0,
                    data.description(), kimg);
        }
        o = o.withTick(Math.max(kimg / 4, 0.1), 4);
        Path snap = new TrainingLoop(o, run, data, dev, System.out).run(start);
        Path model = outdir.resolve("model.safetensors");
        Files.copy(snap, model, StandardCopyOption.REPLACE_EXISTING);
        try (StyleGan gan = StyleGan.load(model, engine.device)) {
            render(gan);
        }
        System.out.printf("demo: done. Look at %s/fakes/grid.png, %s/mix/grid.png, %s/interpolate/interpolation.gif (and .mp4), %s/curves.png%n",
                outdir, outdir, outdir, run);
        return 0;
    }

    /** --init, else the shipped model beside the launcher ($STYLEGAN4J_HOME) or in the current folder, else none. */
    private Path startingPoint() {
        if ("none".equals(init)) return null;
        if (init != null) {
            Path p = Path.of(init);
            if (!Files.isRegularFile(p)) throw new IllegalArgumentException("--init " + init + ": no such file; give a training snapshot or 'none'");
            return p;
        }
        String home = System.getenv("STYLEGAN4J_HOME");
        for (Path p : home == null ? List.of(Path.of(SHIPPED)) : List.of(Path.of(home, SHIPPED), Path.of(SHIPPED)))
            if (Files.isRegularFile(p)) return p;
        System.out.println("demo: the shipped model " + SHIPPED + " is not here; training from scratch instead");
        return null;
    }

    /** Conditional on the shape kind (the shipped model), or one unconditional row per "class". */
    private void render(StyleGan gan) throws Exception {
        int classes = Math.max(gan.classes(), 1);
        // Fakes: one row per class, eight seeds each.
        List<BufferedImage> fakes = new ArrayList<>();
        for (int c = 0; c < classes; c++) fakes.addAll(gan.images(seeds(c * 8, 8), klass(gan, c)));
        write(outdir("fakes").resolve("grid.png"), tile(fakes, 8));

        // Style mixing: row r (class r) keeps its coarse layers, the shape; COLOUR_LAYERS come from column c.
        int rows = Math.min(classes, 4), cols = 6;
        List<BufferedImage> mix = new ArrayList<>();
        mix.add(new BufferedImage(gan.resolution(), gan.resolution(), BufferedImage.TYPE_3BYTE_BGR));
        List<float[]> colWs = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            Render r = klass(gan, c % classes);
            colWs.add(gan.ws(Latent.seed(100 + c), r));
            mix.add(gan.image(Latent.seed(100 + c), r));
        }
        for (int r = 0; r < rows; r++) {
            Render row = klass(gan, r);
            mix.add(gan.image(Latent.seed(200 + r), row));
            for (float[] ws : colWs) mix.add(gan.image(Latent.seed(200 + r), row.withMix(Latent.w(ws), COLOUR_LAYERS)));
        }
        write(outdir("mix").resolve("grid.png"), tile(mix, cols + 1));

        // Interpolation in W through one seed of each class and back, 16 frames per leg.
        List<float[]> stops = new ArrayList<>();
        for (int c = 0; c < classes; c++) stops.add(gan.ws(Latent.seed(300 + c), klass(gan, c)));
        if (classes == 1) for (int s = 1; s < 4; s++) stops.add(gan.ws(Latent.seed(300 + s), klass(gan, 0)));
        List<BufferedImage> frames = new ArrayList<>();
        int perLeg = 16;
        for (int k = 0; k < stops.size(); k++)
            for (int f = 0; f < perLeg; f++) {
                Latent between = Latent.lerp(Latent.w(stops.get(k)), Latent.w(stops.get((k + 1) % stops.size())), (double) f / perLeg);
                frames.add(gan.image(between, Render.DEFAULT));
            }
        Path dir = outdir("interpolate");
        ImageFiles.writeGif(dir.resolve("interpolation.gif"), frames, 1000 / 16, true);
        Mp4Writer.write(dir.resolve("interpolation.mp4"), frames, 16);
    }

    private Path outdir(String name) throws java.io.IOException {
        return Files.createDirectories(outdir.resolve(name));
    }

    private static List<Latent> seeds(int first, int n) {
        List<Latent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Latent.seed(first + i));
        return out;
    }

    private static Render klass(StyleGan gan, int c) {
        return gan.classes() > 0 ? Render.DEFAULT.withClass(c) : Render.DEFAULT;
    }

    private static void write(Path file, BufferedImage img) throws java.io.IOException {
        ImageFiles.writePng(file, img);
    }

    /** Row-major tiles, no gaps. */
    private static BufferedImage tile(List<BufferedImage> images, int cols) {
        int w = images.get(0).getWidth(), h = images.get(0).getHeight(), rows = (images.size() + cols - 1) / cols;
        BufferedImage out = new BufferedImage(cols * w, rows * h, BufferedImage.TYPE_3BYTE_BGR);
        var g = out.createGraphics();
        for (int i = 0; i < images.size(); i++) g.drawImage(images.get(i), (i % cols) * w, (i / cols) * h, null);
        g.dispose();
        return out;
    }
}
