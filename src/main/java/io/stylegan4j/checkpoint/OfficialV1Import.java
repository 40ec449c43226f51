package io.stylegan4j.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylegan4j.checkpoint.OfficialV1Kwargs;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.model.v1.ProGanGenerator;
import io.stylegan4j.model.v1.ProgressiveDiscriminator;
import io.stylegan4j.model.v1.ProgressiveGenerator;
import io.stylegan4j.model.v1.StyleGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Device;

/**
 * Imports official StyleGAN v1 / ProGAN weights: TF variables under their official names and in TF layouts
 * (G.safetensors, optional D.safetensors) plus the official TF kwargs in config.json ({@code tf_G_kwargs},
 * {@code tf_D_kwargs} with {@code func_name}), the layout of ../shared/fixtures/sg1-*, progan-*.
 */
public final class OfficialV1Import {
    private OfficialV1Import() {}

    public record Result(ProgressiveGenerator g, ProgressiveDiscriminator d) {}

    /** Whether {@code dir}'s config.json holds official TF kwargs (a v1-family folder). */
    public static boolean isV1Folder(Path dir) {
        JsonNode cfg = config(dir, false);
        return cfg != null && cfg.has("tf_G_kwargs");
    }

    public static Result load(Path dir, Device device) {
        JsonNode cfg = config(dir, true);
        JsonNode gk = cfg.path("tf_G_kwargs");
        ProgressiveGenerator g = OfficialV1Kwargs.isStyleGenerator(gk) ? new StyleGenerator(OfficialV1Kwargs.styleGenerator(gk), device)
                : new ProGanGenerator(OfficialV1Kwargs.proGan(gk), device);
        Path gFile = dir.resolve("G.safetensors");
        if (!Files.isRegularFile(gFile)) throw new IllegalArgumentException(dir + ": G.safetensors is missing");
        g.module().load(TfLayouts.readTf(SafeTensors.read(gFile), device), gFile.toString());
        g.module().train(false);
        ProgressiveDiscriminator d = null;
        Path dFile = dir.resolve("D.safetensors");
        if (Files.isRegularFile(dFile) && cfg.has("tf_D_kwargs")) {
            d = new ProgressiveDiscriminator(OfficialV1Kwargs.discriminator(cfg.get("tf_D_kwargs")), device);
            d.load(TfLayouts.readTf(SafeTensors.read(dFile), device), dFile.toString());
            d.train(false);
        }
        return new Result(g, d);
    }

    public static Result convert(Path dir, Path out, Device device) {
        Result r = load(dir, device);
        V1ModelFile.write(out, r.g(), null, r.d(), ModelFile.Provenance.now(null, null, 0,
                Map.of("imported_from", dir.toAbsolutePath().toString())), Map.of(), w -> { });
        return r;
    }

    private static JsonNode config(Path dir, boolean required) {
        Path f = dir.resolve("config.json");
        if (!Files.isRegularFile(f)) {
            if (!required) return null;
            throw new IllegalArgumentException(dir + ": config.json with the official tf_G_kwargs (and tf_D_kwargs) is missing");
        }
        try {
            return new ObjectMapper().readTree(f.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(f + ": not valid JSON (" + e.getMessage().split("\n")[0] + ")");
        }
    }
}
