package io.stylegan4j.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.Generator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Device;

/**
 * Imports weights saved under the official state-dict names plus the official constructor kwargs (the layout of
 * ../shared/fixtures/sg2-*: config.json with G_kwargs/D_kwargs, G.safetensors, optional D.safetensors).
 * Building and loading the modules checks every name and shape, so a wrong file fails here, not at generation.
 */
public final class OfficialImport {
    private OfficialImport() {}

    public record Result(Generator g, Discriminator d) {}

    public static Result load(Path dir, Device device) {
        Path cfgFile = dir.resolve("config.json");
        if (!Files.isRegularFile(cfgFile))
            throw new IllegalArgumentException(dir + ": config.json with the official G_kwargs (and D_kwargs) is missing");
        JsonNode cfg;
        try {
            cfg = new ObjectMapper().readTree(cfgFile.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(cfgFile + ": not valid JSON (" + e.getMessage().split("\n")[0] + ")");
        }
        if (!cfg.has("G_kwargs")) throw new IllegalArgumentException(cfgFile + ": no 'G_kwargs' object");
        Path gFile = dir.resolve("G.safetensors");
        if (!Files.isRegularFile(gFile)) throw new IllegalArgumentException(dir + ": G.safetensors is missing");
        Generator g = new Generator(OfficialKwargs.generator(cfg.get("G_kwargs")), device);
        g.load(StateDicts.read(SafeTensors.read(gFile), "", device), gFile.toString());
        Discriminator d = null;
        Path dFile = dir.resolve("D.safetensors");
        if (Files.isRegularFile(dFile) && cfg.has("D_kwargs")) {
            d = new Discriminator(OfficialKwargs.discriminator(cfg.get("D_kwargs")), device);
            d.load(StateDicts.read(SafeTensors.read(dFile), "", device), dFile.toString());
        }
        return new Result(g, d);
    }

    /** Imports and writes a native model file; returns what was imported. */
    public static Result convert(Path dir, Path out, Device device) {
        Result r = load(dir, device);
        ModelFile.write(out, r.g(), null, r.d(), ModelFile.Provenance.now(null, null, 0,
                Map.of("imported_from", dir.toAbsolutePath().toString())));
        return r;
    }
}
