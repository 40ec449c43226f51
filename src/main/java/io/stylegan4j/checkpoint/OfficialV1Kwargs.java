package io.stylegan4j.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.stylegan4j.model.v1.ProGanConfig;
import io.stylegan4j.model.v1.ProgressiveDiscriminatorConfig;
import io.stylegan4j.model.v1.ProgressiveDiscriminatorConfig.Flavor;
import io.stylegan4j.model.v1.StyleGeneratorConfig;
import io.stylegan4j.nn.FusedScale;

/**
 * Reads the official TF kwargs of StyleGAN v1 and ProGAN networks ({@code func_name} plus the keyword arguments of
 * G_style / G_paper / D_basic / D_paper, as a network pickle's {@code static_kwargs} hold them) into our configs.
 * Options we do not implement (relu, no wscale, other blur filters, labels, fmap_decay other than 1) are refused.
 */
public final class OfficialV1Kwargs {
    private OfficialV1Kwargs() {}

    public static final String G_STYLE = "training.networks_stylegan.G_style";
    public static final String G_PAPER = "training.networks_progan.G_paper";
    public static final String D_BASIC = "training.networks_stylegan.D_basic";
    public static final String D_PAPER = "training.networks_progan.D_paper";

    public static boolean isStyleGenerator(JsonNode g) {
        return G_STYLE.equals(g.path("func_name").asText());
    }

    public static StyleGeneratorConfig styleGenerator(JsonNode g) {
        expect(g, G_STYLE);
        common(g);
        require(g.path("mapping_nonlinearity").asText("lrelu").equals("lrelu"), "mapping_nonlinearity other than lrelu");
        require(g.path("use_wscale").asBoolean(true), "use_wscale = False");
        blurFilter(g);
        int latent = g.path("latent_size").asInt(512);
        return new StyleGeneratorConfig(latent, g.path("dlatent_size").asInt(512), g.path("mapping_layers").asInt(8),
                g.path("mapping_fmaps").asInt(512), g.path("mapping_lrmul").asDouble(0.01), g.path("normalize_latents").asBoolean(true),
                g.path("num_channels").asInt(3), req(g, "resolution"), g.path("fmap_base").asInt(8192), g.path("fmap_max").asInt(512),
                g.path("use_styles").asBoolean(true), g.path("const_input_layer").asBoolean(true), g.path("use_noise").asBoolean(true),
                g.path("use_pixel_norm").asBoolean(false), g.path("use_instance_norm").asBoolean(true), fused(g, FusedScale.AUTO),
                blurFilter(g), g.path("dlatent_avg_beta").asDouble(0.995), g.path("style_mixing_prob").asDouble(0.9),
                g.path("truncation_psi").asDouble(0.7), g.path("truncation_cutoff").asInt(8));
    }

    public static ProGanConfig proGan(JsonNode g) {
        expect(g, G_PAPER);
        common(g);
        require(g.path("use_wscale").asBoolean(true), "use_wscale = False");
        require(g.path("use_leakyrelu").asBoolean(true), "use_leakyrelu = False");
        require(g.path("pixelnorm_epsilon").asDouble(1e-8) == 1e-8, "pixelnorm_epsilon other than 1e-8");
        int base = g.path("fmap_base").asInt(8192), max = g.path("fmap_max").asInt(512);
        JsonNode latent = g.get("latent_size");
        return new ProGanConfig(latent == null || latent.isNull() ? Math.min(base, max) : latent.asInt(), g.path("num_channels").asInt(1),
                req(g, "resolution"), base, max, g.path("normalize_latents").asBoolean(true), g.path("use_pixelnorm").asBoolean(true),
                fused(g, FusedScale.ON));
    }

    public static ProgressiveDiscriminatorConfig discriminator(JsonNode d) {
        String f = d.path("func_name").asText();
        Flavor flavor = switch (f) {
            case D_BASIC -> Flavor.D_BASIC;
            case D_PAPER -> Flavor.D_PAPER;
            default -> throw new IllegalArgumentException("official D kwargs: func_name '" + f + "' is not " + D_BASIC + " or " + D_PAPER);
        };
        common(d);
        require(d.path("use_wscale").asBoolean(true), "use_wscale = False");
        if (flavor == Flavor.D_BASIC) require(blurFilter(d), "D_basic without blur_filter");
        return new ProgressiveDiscriminatorConfig(flavor, d.path("num_channels").asInt(1), req(d, "resolution"),
                d.path("fmap_base").asInt(8192), d.path("fmap_max").asInt(512), d.path("mbstd_group_size").asInt(4),
                d.path("mbstd_num_features").asInt(1), fused(d, flavor == Flavor.D_BASIC ? FusedScale.AUTO : FusedScale.ON));
    }

    private static void common(JsonNode n) {
        require(n.path("label_size").asInt(0) == 0, "label_size > 0 (conditional v1 networks)");
        require(n.path("fmap_decay").asDouble(1.0) == 1.0, "fmap_decay other than 1.0");
        require(n.path("nonlinearity").asText("lrelu").equals("lrelu"), "nonlinearity other than lrelu");
        require(n.path("dtype").asText("float32").equals("float32"), "dtype other than float32");
    }

    private static boolean blurFilter(JsonNode n) {
        JsonNode b = n.get("blur_filter");
        if (b == null) return true;
        if (b.isNull()) return false;
        require(b.toString().replace(" ", "").equals("[1,2,1]"), "blur_filter other than [1,2,1]");
        return true;
    }

    private static FusedScale fused(JsonNode n, FusedScale dflt) {
        JsonNode f = n.get("fused_scale");
        if (f == null || f.isNull()) return dflt;
        if (f.isBoolean()) return f.asBoolean() ? FusedScale.ON : FusedScale.OFF;
        require(f.asText().equals("auto"), "fused_scale '" + f.asText() + "'");
        return FusedScale.AUTO;
    }

    private static void expect(JsonNode n, String func) {
        String f = n.path("func_name").asText();
        if (!func.equals(f)) throw new IllegalArgumentException("official kwargs: func_name '" + f + "' is not " + func);
    }

    private static int req(JsonNode n, String key) {
        if (!n.has(key)) throw new IllegalArgumentException("official kwargs: '" + key + "' is missing");
        return n.get(key).asInt();
    }

    private static void require(boolean ok, String what) {
        if (!ok) throw new IllegalArgumentException("official kwargs: " + what + " is not supported by stylegan4j");
    }
}
