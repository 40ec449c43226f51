package io.stylegan4j.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stylegan4j.interop.Checkpoints;
import io.stylegan4j.interop.ForeignCheckpoint.Which;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.io.SafeTensorsWriter;
import io.stylegan4j.io.Version;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.DiscriminatorConfig;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.GeneratorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Device;

/**
 * The native model file: one safetensors file holding {@code G_ema.*} (what one generates with), optionally
 * {@code G.*} and {@code D.*}, all under the official state-dict names, and in its header the configs and the
 * provenance (library version, time, dataset and its content hash, images seen, training options) as JSON, so a
 * file answers "how was this made?" without any code of ours (no pickles).
 */
public final class ModelFile {
    public static final String FORMAT = "stylegan4j-model";
    public static final String VERSION = "1";
    /** Header key naming the model family: stylegan2 (absent in older files), stylegan1 or progan ({@link V1ModelFile}). */
    public static final String FAMILY = "family";
    public static final String STYLEGAN2 = "stylegan2";
    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ModelFile() {}

    /** Where a model came from; free-form fields may be null. */
    public record Provenance(String library, String created, String dataset, String datasetSha256, long imagesSeen,
                             Map<String, Object> options) {
        public static Provenance now(String dataset, String datasetSha256, long imagesSeen, Map<String, Object> options) {
            return new Provenance("stylegan4j " + Version.get(), Instant.now().toString(), dataset, datasetSha256, imagesSeen, options);
        }
    }

    public record Contents(GeneratorConfig gConfig, DiscriminatorConfig dConfig, Provenance provenance, SafeTensors tensors) {
        public boolean hasD() {
            return dConfig != null && tensors.names().stream().anyMatch(n -> n.startsWith("D."));
        }
    }

    public static void write(Path path, Generator gEma, Generator g, Discriminator d, Provenance provenance) {
        write(path, gEma, g, d, provenance, Map.of(), w -> { });
    }

    /** As {@link #write}, with extra header entries and tensors (a training checkpoint adds its state this way). */
    public static void write(Path path, Generator gEma, Generator g, Discriminator d, Provenance provenance,
                             Map<String, String> extraMeta, java.util.function.Consumer<SafeTensorsWriter> extraTensors) {
        Map<String, String> meta = header(STYLEGAN2, gEma.cfg, d == null ? null : d.cfg, provenance, extraMeta);
        SafeTensorsWriter w = SafeTensors.writer().metadata(meta).checksum();
        StateDicts.put(w, "G_ema.", gEma.fullStateDict());
        if (g != null) StateDicts.put(w, "G.", g.fullStateDict());
        if (d != null) StateDicts.put(w, "D.", d.fullStateDict());
        extraTensors.accept(w);
        w.write(path);
    }

    /** The header of a model file of any family: format, family, the configs as JSON, provenance, then {@code extra}. */
    static Map<String, String> header(String family, Object gConfig, Object dConfig, Provenance provenance, Map<String, String> extra) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", VERSION);
        meta.put(FAMILY, family);
        try {
            meta.put("G_config", JSON.writeValueAsString(gConfig));
            if (dConfig != null) meta.put("D_config", JSON.writeValueAsString(dConfig));
            meta.put("provenance", JSON.writeValueAsString(provenance));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the model config", e);
        }
        meta.putAll(extra);
        return meta;
    }

    public static Contents read(Path path) {
        SafeTensors st = open(path);
        Map<String, String> meta = st.metadata();
        if (!family(st).equals(STYLEGAN2))
            throw new IllegalArgumentException(path + " is a " + family(st) + " model; this needs a StyleGAN2 model");
        try {
            GeneratorConfig g = JSON.readValue(meta.get("G_config"), GeneratorConfig.class);
            DiscriminatorConfig d = meta.containsKey("D_config") ? JSON.readValue(meta.get("D_config"), DiscriminatorConfig.class) : null;
            Provenance p = meta.containsKey("provenance") ? JSON.readValue(meta.get("provenance"), Provenance.class) : null;
            return new Contents(g, d, p, st);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": the config in the header is invalid (" + e.getMessage().split("\n")[0] + ")");
        }
    }

    /** Reads a stylegan4j model file of any family (the header is checked, the configs are not parsed). */
    public static SafeTensors open(Path path) {
        if (!Files.isRegularFile(path))
            throw new IllegalArgumentException("model file " + path + " does not exist; train one (stylegan4j train) or convert"
                    + " official weights (stylegan4j convert)");
        SafeTensors st = SafeTensors.read(path);
        if (!FORMAT.equals(st.metadata().get("format")))
            throw new IllegalArgumentException(path + " is a safetensors file but not a stylegan4j model (no '" + FORMAT
                    + "' header); official weights go through 'stylegan4j convert'");
        return st;
    }

    /** The model family of a model file: stylegan2 (also for files written before the field existed), stylegan1, progan. */
    public static String family(SafeTensors st) {
        return st.metadata().getOrDefault(FAMILY, STYLEGAN2);
    }

    public static String family(Path path) {
        return family(open(path));
    }

    /** The generator to sample from: G_ema when the file has it, else G. */
    public static Generator loadGenerator(Path path, Device device) {
        return loadGenerator(path, device, Which.G_ema);
    }

    /**
     * G_ema (falling back to G in a native file that has no G_ema) or the training copy G. Besides native files this
     * opens the ecosystem's checkpoints (NVlabs and TF1 pickles, rosinality's .pt) directly; see {@link Checkpoints}.
     */
    public static Generator loadGenerator(Path path, Device device, Which which) {
        if (Checkpoints.isForeign(path)) return Checkpoints.read(path).generator(which, device);
        Contents c = read(path);
        boolean hasEma = c.tensors().names().stream().anyMatch(n -> n.startsWith("G_ema."));
        if (which == Which.G && c.tensors().names().stream().noneMatch(n -> n.startsWith("G.")))
            throw new IllegalArgumentException(path + " holds no training copy G (G.*); drop --which G");
        String prefix = which == Which.G_ema && hasEma ? "G_ema." : "G.";
        Generator g = new Generator(c.gConfig(), device);
        g.load(StateDicts.read(c.tensors(), prefix, device), path + " (" + prefix + "*)");
        g.train(false);
        return g;
    }

    public static Discriminator loadDiscriminator(Path path, Device device) {
        if (Checkpoints.isForeign(path)) return Checkpoints.read(path).discriminator(device);
        Contents c = read(path);
        if (!c.hasD()) throw new IllegalArgumentException(path + " holds no discriminator (D.*); use a training snapshot");
        Discriminator d = new Discriminator(c.dConfig(), device);
        d.load(StateDicts.read(c.tensors(), "D.", device), path + " (D.*)");
        return d;
    }
}
