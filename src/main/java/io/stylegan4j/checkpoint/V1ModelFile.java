package io.stylegan4j.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.io.SafeTensorsWriter;
import io.stylegan4j.model.v1.ProGanConfig;
import io.stylegan4j.model.v1.ProGanGenerator;
import io.stylegan4j.model.v1.ProgressiveDiscriminator;
import io.stylegan4j.model.v1.ProgressiveDiscriminatorConfig;
import io.stylegan4j.model.v1.ProgressiveGenerator;
import io.stylegan4j.model.v1.StyleGenerator;
import io.stylegan4j.model.v1.StyleGeneratorConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.bytedeco.pytorch.Device;

/**
 * Model files of the StyleGAN v1 and ProGAN families: the same container as {@link ModelFile} (header with format,
 * family, configs and provenance; tensors {@code G_ema.*}, {@code G.*}, {@code D.*}), with the official TF variable
 * names after the prefix ({@code G_ema.G_synthesis/8x8/Conv1/weight}) in PyTorch layouts.
 */
public final class V1ModelFile {
    public static final String STYLEGAN1 = "stylegan1";
    public static final String PROGAN = "progan";

    private V1ModelFile() {}

    /** A v1-family file's header: the generator config is a {@link StyleGeneratorConfig} or a {@link ProGanConfig}. */
    public record Contents(String family, Record gConfig, ProgressiveDiscriminatorConfig dConfig, ModelFile.Provenance provenance,
                           SafeTensors tensors) {
        public boolean hasD() {
            return dConfig != null && tensors.names().stream().anyMatch(n -> n.startsWith("D."));
        }
    }

    /** Whether {@code path} is a stylegan4j model file of the v1 families; false for anything else (the loaders say why). */
    public static boolean isV1(Path path) {
        try {
            String f = ModelFile.family(path);
            return f.equals(STYLEGAN1) || f.equals(PROGAN);
        } catch (RuntimeException e) {
            return false; // missing, corrupt or foreign (a pickle): the StyleGAN2 / interop loaders give the one-line error
        }
    }

    public static void write(Path path, ProgressiveGenerator gEma, ProgressiveGenerator g, ProgressiveDiscriminator d,
                             ModelFile.Provenance provenance, Map<String, String> extraMeta, Consumer<SafeTensorsWriter> extraTensors) {
        Map<String, String> meta = ModelFile.header(gEma.family(), gEma.config(), d == null ? null : d.cfg, provenance, extraMeta);
        SafeTensorsWriter w = SafeTensors.writer().metadata(meta).checksum();
        StateDicts.put(w, "G_ema.", gEma.module().fullStateDict());
        if (g != null) StateDicts.put(w, "G.", g.module().fullStateDict());
        if (d != null) StateDicts.put(w, "D.", d.fullStateDict());
        extraTensors.accept(w);
        w.write(path);
    }

    public static Contents read(Path path) {
        SafeTensors st = ModelFile.open(path);
        String family = ModelFile.family(st);
        Map<String, String> meta = st.metadata();
        try {
            Record g = switch (family) {
                case STYLEGAN1 -> ModelFile.JSON.readValue(meta.get("G_config"), StyleGeneratorConfig.class);
                case PROGAN -> ModelFile.JSON.readValue(meta.get("G_config"), ProGanConfig.class);
                default -> throw new IllegalArgumentException(path + " is a " + family + " model; this needs a StyleGAN v1 or ProGAN model");
            };
            ProgressiveDiscriminatorConfig d = meta.containsKey("D_config")
                    ? ModelFile.JSON.readValue(meta.get("D_config"), ProgressiveDiscriminatorConfig.class) : null;
            ModelFile.Provenance p = meta.containsKey("provenance") ? ModelFile.JSON.readValue(meta.get("provenance"), ModelFile.Provenance.class) : null;
            return new Contents(family, g, d, p, st);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(path + ": the config in the header is invalid (" + e.getMessage().split("\n")[0] + ")");
        }
    }

    public static ProgressiveGenerator newGenerator(Record cfg, Device device) {
        if (cfg instanceof StyleGeneratorConfig s) return new StyleGenerator(s, device);
        if (cfg instanceof ProGanConfig p) return new ProGanGenerator(p, device);
        throw new IllegalArgumentException("not a v1-family generator config: " + cfg);
    }

    /** G_ema when the file has it, else G; in eval mode. */
    public static ProgressiveGenerator loadGenerator(Path path, Device device) {
        Contents c = read(path);
        String prefix = c.tensors().names().stream().anyMatch(n -> n.startsWith("G_ema.")) ? "G_ema." : "G.";
        ProgressiveGenerator g = newGenerator(c.gConfig(), device);
        g.module().load(StateDicts.read(c.tensors(), prefix, device), path + " (" + prefix + "*)");
        g.module().train(false);
        return g;
    }

    public static ProgressiveDiscriminator loadDiscriminator(Path path, Device device) {
        Contents c = read(path);
        if (!c.hasD()) throw new IllegalArgumentException(path + " holds no discriminator (D.*); use a training snapshot");
        ProgressiveDiscriminator d = new ProgressiveDiscriminator(c.dConfig(), device);
        d.load(StateDicts.read(c.tensors(), "D.", device), path + " (D.*)");
        return d;
    }
}
