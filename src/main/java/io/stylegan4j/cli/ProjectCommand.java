package io.stylegan4j.cli;

import io.stylegan4j.io.ImageFiles;
import io.stylegan4j.io.JsonLines;
import io.stylegan4j.io.Npz;
import io.stylegan4j.io.Uint8Image;
import io.stylegan4j.model.ImageGenerator;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.projection.ImageDistance;
import io.stylegan4j.projection.ProjectionConfig;
import io.stylegan4j.projection.Projector;
import io.stylegan4j.projection.Projectable;
import io.stylegan4j.projection.TargetImage;
import io.stylegan4j.report.Progress;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The official projector.py: find the w whose image is closest to a target image (StyleGAN2 Appendix D). */
@Command(name = "project", mixinStandardHelpOptions = true,
        description = {"Project an image into W (StyleGAN2 Appendix D), as the official projector.py.",
                "Writes target.png, proj.png (the projected w with the model's stored noise), projected_w.npz (numpy, key w, "
                        + "[1, num_ws, w_dim], for generate --projected-w here and in the official generate.py), stats.jsonl "
                        + "(one line per step, then a summary) and with --save-video proj.gif (target | projection per step; "
                        + "GIF because no maintained MP4 encoder is on Maven Central without native ffmpeg)."})
final class ProjectCommand implements Callable<Integer> {
    @Option(names = "--target", required = true, description = "the image to project (PNG or JPEG)")
    Path target;

    @Option(names = "--save-video", description = "also write proj.gif, one frame per step (off by default: it renders every step again)")
    boolean saveVideo;

    @Mixin
    NetworkOptions net;

    @Mixin
    ProjectionOptions opts;

    @Override
    public Integer call() throws Exception {
        opts.config();
        if (!Files.isRegularFile(target)) throw new IllegalArgumentException("--target " + target + ": no such file");
        try (ProjectionOptions.Session run = opts.open(net)) {
            ProjectionConfig cfg = run.cfg();
            ImageGenerator g = run.g();
            Projectable p = run.model();
            ImageDistance distance = run.distance();
            Uint8Image targetImg = TargetImage.load(target, p.resolution(), p.channels(), System.err::println);
            Path statsFile = net.outdir.resolve("stats.jsonl");
            Files.deleteIfExists(statsFile);
            Projector.Result r;
            try (JsonLines log = JsonLines.append(statsFile);
                 Progress bar = new Progress("project", cfg.numSteps(), "step")) {
                r = Projector.project(p, distance, TargetImage.toTensor(targetImg, p.device()), cfg, run.stats(), s -> {
                    log.write(stepRecord(distance.name(), s));
                    bar.step(1, String.format("%s %.4f loss %.4f", distance.name(), s.distance(), s.loss()));
                });
                log.write(summary(r, cfg, distance.name()));
            }
            ImageFiles.writePng(net.outdir.resolve("target.png"), targetImg);
            float[] w = r.finalW();
            Npz.write(net.outdir.resolve("projected_w.npz"), "w", new Npz.Array(new long[] {1, p.numWs(), p.wDim()}, w));
            List<Uint8Image> proj = render(g, List.of(w), p);
            ImageFiles.writePng(net.outdir.resolve("proj.png"), proj.get(0));
            if (saveVideo) {
                List<BufferedImage> frames = new ArrayList<>();
                for (Uint8Image f : render(g, r.ws(), p))
                    frames.add(ImageFiles.toBufferedImage(ImageFiles.grid(List.of(targetImg, f), 1, 2, 0)));
                ImageFiles.writeGif(net.outdir.resolve("proj.gif"), frames, 100, true); // 10 fps, as the official video
            }
            System.out.printf("project: %s %.5f after %d steps (%.5f with the stored noise, as proj.png); wrote target.png, proj.png,"
                    + " projected_w.npz, stats.jsonl%s to %s%n", r.distanceName(), r.distance(), cfg.numSteps(), r.distanceConst(),
                    saveVideo ? ", proj.gif" : "", net.outdir);
        }
        return 0;
    }

    /** The projected ws with the stored noise, as the official tool renders proj.png and its video frames. */
    static List<Uint8Image> render(ImageGenerator g, List<float[]> ws, Projectable p) throws java.io.IOException {
        List<Uint8Image> out = new ArrayList<>();
        Sampling.render(g, ws.size(), 8, i -> Tensors.fromFloats(ws.get(i), new long[] {1, p.numWs(), p.wDim()}, p.device()),
                io.stylegan4j.nn.NoiseMode.CONST, i -> 0, (i, img) -> out.add(img));
        return out;
    }

    static Map<String, Object> stepRecord(String distanceName, Projector.Step s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", s.step());
        m.put(distanceName, s.distance());
        m.put("noise_reg", s.noiseReg());
        m.put("loss", s.loss());
        m.put("lr", s.lr());
        m.put("w_noise", s.wNoise());
        m.put("sec", s.seconds());
        m.put("cpu_sec", s.cpuSeconds());
        return m;
    }

    static Map<String, Object> summary(Projector.Result r, ProjectionConfig cfg, String distanceName) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("final", true);
        m.put("distance", distanceName.equals("mse") ? "mse (pixel-space fallback, not LPIPS)" : "lpips");
        m.put(distanceName, r.distance());
        m.put(distanceName + "_stored_noise", r.distanceConst());
        m.put("num_steps", cfg.numSteps());
        m.put("w_plus", cfg.wPlus());
        m.put("seed", cfg.seed());
        return m;
    }
}
