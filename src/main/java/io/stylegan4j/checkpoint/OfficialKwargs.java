package io.stylegan4j.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.stylegan4j.model.Architecture;
import io.stylegan4j.model.DiscriminatorConfig;
import io.stylegan4j.model.DiscriminatorMapping;
import io.stylegan4j.model.GeneratorConfig;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads the official constructor kwargs ({@code training.networks.Generator(**G_kwargs)}, {@code Discriminator(**D_kwargs)})
 * into our configs. Unknown keys are refused rather than ignored: a silently dropped option would give a model
 * that loads but computes something else.
 */
public final class OfficialKwargs {
    private OfficialKwargs() {}

    public static GeneratorConfig generator(JsonNode g) {
        check(g, "G_kwargs", Set.of("z_dim", "c_dim", "w_dim", "img_resolution", "img_channels", "mapping_kwargs", "synthesis_kwargs"));
        JsonNode m = g.path("mapping_kwargs");
        JsonNode s = g.path("synthesis_kwargs");
        check(m, "G_kwargs.mapping_kwargs", Set.of("num_layers", "lr_multiplier", "w_avg_beta", "activation"));
        check(s, "G_kwargs.synthesis_kwargs", Set.of("channel_base", "channel_max", "architecture", "conv_clamp", "num_fp16_res",
                "use_noise", "resample_filter", "fp16_channels_last", "activation", "kernel_size"));
        if (s.has("resample_filter") && !s.get("resample_filter").toString().replace(" ", "").equals("[1,3,3,1]"))
            throw new IllegalArgumentException("G_kwargs.synthesis_kwargs.resample_filter: only [1,3,3,1] is supported");
        if (m.has("activation") && !m.get("activation").asText().equals("lrelu")) throw unsupported("mapping activation");
        return new GeneratorConfig(
                req(g, "z_dim").asInt(), g.path("c_dim").asInt(0), req(g, "w_dim").asInt(),
                req(g, "img_resolution").asInt(), req(g, "img_channels").asInt(),
                m.path("num_layers").asInt(8), m.path("lr_multiplier").asDouble(0.01), m.path("w_avg_beta").asDouble(0.995),
                s.path("channel_base").asInt(32768), s.path("channel_max").asInt(512),
                Architecture.parse(s.path("architecture").asText("skip")), s.path("use_noise").asBoolean(true),
                clamp(s.get("conv_clamp")), null);
    }

    public static DiscriminatorConfig discriminator(JsonNode d) {
        check(d, "D_kwargs", Set.of("c_dim", "img_resolution", "img_channels", "architecture", "channel_base", "channel_max",
                "num_fp16_res", "conv_clamp", "cmap_dim", "block_kwargs", "mapping_kwargs", "epilogue_kwargs"));
        // A conditional D's label mapping: the official default (8 layers, cmap_dim = the 4x4 channels) is what we build.
        check(d.path("mapping_kwargs"), "D_kwargs.mapping_kwargs", Set.of("num_layers"));
        if (d.path("mapping_kwargs").has("num_layers") && d.path("mapping_kwargs").get("num_layers").asInt() != DiscriminatorMapping.LAYERS)
            throw unsupported("D_kwargs.mapping_kwargs.num_layers other than " + DiscriminatorMapping.LAYERS);
        JsonNode e = d.path("epilogue_kwargs");
        check(e, "D_kwargs.epilogue_kwargs", Set.of("mbstd_group_size", "mbstd_num_channels", "activation"));
        JsonNode gs = e.get("mbstd_group_size");
        DiscriminatorConfig out = new DiscriminatorConfig(
                d.path("c_dim").asInt(0), req(d, "img_resolution").asInt(), req(d, "img_channels").asInt(),
                d.path("channel_base").asInt(32768), d.path("channel_max").asInt(512),
                Architecture.parse(d.path("architecture").asText("resnet")),
                gs == null ? 4 : gs.isNull() ? 0 : gs.asInt(), e.path("mbstd_num_channels").asInt(1),
                clamp(d.get("conv_clamp")), null, null, null);
        JsonNode cmap = d.get("cmap_dim");
        if (cmap != null && !cmap.isNull() && out.cDim() > 0 && cmap.asInt() != out.channels(4))
            throw unsupported("D_kwargs.cmap_dim other than the 4x4 channels (" + out.channels(4) + ")");
        return out;
    }

    private static Double clamp(JsonNode n) {
        return n == null || n.isNull() ? null : n.asDouble();
    }

    private static JsonNode req(JsonNode n, String key) {
        if (!n.has(key)) throw new IllegalArgumentException("official kwargs: '" + key + "' is missing");
        return n.get(key);
    }

    private static void check(JsonNode n, String where, Set<String> known) {
        if (n.isMissingNode() || n.isNull()) return;
        if (!n.isObject()) throw new IllegalArgumentException(where + " must be a JSON object");
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) throw unsupported(where + "." + k);
        }
    }

    private static IllegalArgumentException unsupported(String what) {
        return new IllegalArgumentException("official kwargs: '" + what + "' is not supported by stylegan4j; remove it or convert"
                + " a model that does not use it");
    }
}
