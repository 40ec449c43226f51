package io.stylegan4j.interop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stylegan4j.checkpoint.OfficialKwargs;
import io.stylegan4j.model.DiscriminatorConfig;
import io.stylegan4j.model.GeneratorConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TF1 StyleGAN2 pickle: the tuple (G, D, Gs) of dnnlib.tflib.network.Network states, converted by the rules of the
 * official legacy.py (kwargs renamed, dense weights transposed, conv weights [kh,kw,I,O] to [O,I,kh,kw] and mirrored
 * for the up-sampling convs, style biases + 1). The embedded {@code build_module_src} is never looked at.
 */
final class TfPickle {
    private TfPickle() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DEPTH = 8;

    static boolean looksLike(Object root) {
        return root instanceof Object[] t && t.length == 3 && java.util.Arrays.stream(t)
                .allMatch(o -> o instanceof PyValues.Instance i && i.pythonClass.equals("Network"));
    }

    static ForeignCheckpoint convert(Object[] nets, String source) {
        PyValues.Instance tfG = (PyValues.Instance) nets[0], tfD = (PyValues.Instance) nets[1], tfGs = (PyValues.Instance) nets[2];
        Object build = tfGs.attrs.get("build_func_name");
        // Extension point for StyleGAN v1 (official TF names, build function G_style): the v1 networks live on another
        // branch; once merged, map G_style/D_basic variables here to their model file instead of refusing.
        if ("G_style".equals(build))
            throw new InteropException(source + ": a StyleGAN v1 TF pickle (G_style); stylegan4j opens StyleGAN2 TF pickles (G_main) only, so far");
        if (build != null && !"G_main".equals(build))
            throw new InteropException(source + ": a TF pickle built by " + build + "; only StyleGAN2's G_main networks are supported");
        Map<String, Object> about = new LinkedHashMap<>();
        ObjectNode gKw = generatorKwargs(kwargs(tfGs, source), source);
        ObjectNode dKw = discriminatorKwargs(kwargs(tfD, source), source);
        about.put("G_kwargs", gKw);
        about.put("D_kwargs", dKw);
        about.put("tf_static_kwargs", Values.json(kwargs(tfGs, source), "static_kwargs"));
        GeneratorConfig gCfg = OfficialKwargs.generator(gKw);
        DiscriminatorConfig dCfg = OfficialKwargs.discriminator(dKw);
        return new ForeignCheckpoint("TF1 StyleGAN2 pickle (dnnlib.tflib Networks, converted as legacy.py)", source, gCfg,
                generator(params(tfGs, source), source), generator(params(tfG, source), source), dCfg,
                discriminator(params(tfD, source), source), about);
    }

    private static Map<?, ?> kwargs(PyValues.Instance net, String source) {
        Object v = net.attrs.get("version");
        if (!(v instanceof Number n) || n.intValue() < 4)
            throw new InteropException(source + ": TF Network state version " + v + "; legacy.py and stylegan4j need 4 or 5");
        return Values.dict(net.attrs.get("static_kwargs"), "static_kwargs");
    }

    /** legacy.py's convert_tf_generator kwargs; unknown TF kwargs are refused as legacy.py refuses them. */
    private static ObjectNode generatorKwargs(Map<?, ?> tf, String source) {
        Kw k = new Kw(tf);
        ObjectNode g = JSON.createObjectNode();
        g.set("z_dim", k.get("latent_size", 512));
        g.set("c_dim", k.get("label_size", 0));
        g.set("w_dim", k.get("dlatent_size", 512));
        g.set("img_resolution", k.get("resolution", 1024));
        g.set("img_channels", k.get("num_channels", 3));
        ObjectNode m = g.putObject("mapping_kwargs");
        m.set("num_layers", k.get("mapping_layers", 8));
        m.set("lr_multiplier", k.get("mapping_lrmul", 0.01));
        m.set("activation", k.get("mapping_nonlinearity", "lrelu"));
        var beta = k.get("w_avg_beta", 0.995);
        m.set("w_avg_beta", beta.isNull() ? JSON.valueToTree(1) : beta);
        var fmaps = k.get("mapping_fmaps", null);
        if (!fmaps.isNull() && fmaps.asInt() != g.get("w_dim").asInt())
            throw new InteropException(source + ": mapping_fmaps " + fmaps + " differs from dlatent_size; not supported");
        var labelFmaps = k.get("label_fmaps", null);
        if (!labelFmaps.isNull() && labelFmaps.asInt() != g.get("w_dim").asInt())
            throw new InteropException(source + ": label_fmaps " + labelFmaps + " differs from dlatent_size; not supported");
        ObjectNode s = g.putObject("synthesis_kwargs");
        s.put("channel_base", k.get("fmap_base", 16384).asInt() * 2);
        s.set("channel_max", k.get("fmap_max", 512));
        s.set("num_fp16_res", k.get("num_fp16_res", 0));
        s.set("conv_clamp", k.get("conv_clamp", null));
        s.set("architecture", k.get("architecture", "skip"));
        s.set("resample_filter", k.get("resample_kernel", List.of(1, 3, 3, 1)));
        s.set("use_noise", k.get("use_noise", true));
        s.set("activation", k.get("nonlinearity", "lrelu"));
        for (String ignored : new String[] {"truncation_psi", "truncation_cutoff", "style_mixing_prob", "structure"}) k.get(ignored, null);
        k.rejectUnknown(source, "G");
        return g;
    }

    private static ObjectNode discriminatorKwargs(Map<?, ?> tf, String source) {
        Kw k = new Kw(tf);
        ObjectNode d = JSON.createObjectNode();
        d.set("c_dim", k.get("label_size", 0));
        d.set("img_resolution", k.get("resolution", 1024));
        d.set("img_channels", k.get("num_channels", 3));
        d.set("architecture", k.get("architecture", "resnet"));
        d.put("channel_base", k.get("fmap_base", 16384).asInt() * 2);
        d.set("channel_max", k.get("fmap_max", 512));
        d.set("num_fp16_res", k.get("num_fp16_res", 0));
        d.set("conv_clamp", k.get("conv_clamp", null));
        d.set("cmap_dim", k.get("mapping_fmaps", null));
        var layers = k.get("mapping_layers", 0);
        if (d.get("c_dim").asInt() > 0) d.putObject("mapping_kwargs").set("num_layers", layers);
        ObjectNode e = d.putObject("epilogue_kwargs");
        e.set("mbstd_group_size", k.get("mbstd_group_size", null));
        e.set("mbstd_num_channels", k.get("mbstd_num_features", 1));
        e.set("activation", k.get("nonlinearity", "lrelu"));
        for (String n : new String[] {"resample_kernel", "freeze_layers", "mapping_lrmul", "structure"}) k.get(n, null);
        if (!e.get("activation").asText().equals("lrelu")) throw new InteropException(source + ": D nonlinearity " + e.get("activation") + " is not supported");
        e.remove("activation");
        k.rejectUnknown(source, "D");
        return d;
    }

    /** legacy.py's kwarg(): a TF kwarg with its default, remembering which names are known. */
    private static final class Kw {
        final Map<?, ?> tf;
        final Set<Object> known = new HashSet<>();

        Kw(Map<?, ?> tf) {
            this.tf = tf;
        }

        com.fasterxml.jackson.databind.JsonNode get(String name, Object dflt) {
            known.add(name);
            Object v = tf.containsKey(name) ? tf.get(name) : dflt;
            return v == null ? JSON.valueToTree(dflt) : Values.json(v, "TF kwarg " + name);
        }

        void rejectUnknown(String source, String net) {
            for (Object key : tf.keySet())
                if (!known.contains(key)) throw new InteropException(source + ": unknown TensorFlow kwarg '" + key + "' in " + net);
        }
    }

    /** legacy.py's _collect_tf_params: own variables, then each component's under "name/". */
    private static Map<String, Object> params(PyValues.Instance net, String source) {
        Map<String, Object> out = new LinkedHashMap<>();
        collect(net, "", out, 0, source);
        return out;
    }

    private static void collect(PyValues.Instance net, String prefix, Map<String, Object> out, int depth, String source) {
        if (depth > MAX_DEPTH) throw new InteropException(source + ": TF components nested too deep");
        Object vars = net.attrs.get("variables");
        if (!(vars instanceof List<?> list)) throw new InteropException(source + ": a TF Network without a variables list");
        for (Object item : list) {
            Object[] kv = Values.tuple(item, "TF variable");
            if (kv.length != 2) throw new InteropException(source + ": a TF variable is not a (name, value) pair");
            out.put(prefix + Values.str(kv[0], "TF variable name"), kv[1]);
        }
        Object comps = net.attrs.get("components");
        if (comps == null) return;
        for (Map.Entry<?, ?> e : Values.dict(comps, "components").entrySet()) {
            if (!(e.getValue() instanceof PyValues.Instance c) || !c.pythonClass.equals("Network"))
                throw new InteropException(source + ": TF component " + e.getKey() + " is not a Network");
            collect(c, prefix + Values.str(e.getKey(), "component name") + "/", out, depth + 1, source);
        }
    }

    private static final Pattern G_LAYER = Pattern.compile("synthesis/(\\d+)x\\1/(Conv|Conv0_up|Conv1|ToRGB|Skip)/(weight|bias|noise_strength|mod_weight|mod_bias)");
    private static final Pattern NOISE = Pattern.compile("synthesis/noise(\\d+)");
    private static final Pattern DENSE = Pattern.compile("mapping/Dense(\\d+)/(weight|bias)");

    private static Map<String, TensorData> generator(Map<String, Object> tf, String source) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : tf.entrySet()) {
            String n = e.getKey();
            TensorData v = array(e.getValue(), n, source);
            Matcher m;
            if (n.equals("lod")) continue;
            if (n.equals("dlatent_avg")) out.put("mapping.w_avg", v);
            else if ((m = DENSE.matcher(n)).matches())
                out.put("mapping.fc" + m.group(1) + "." + m.group(2), m.group(2).equals("weight") ? v.transpose(n) : v);
            else if (n.equals("mapping/LabelEmbed/weight")) out.put("mapping.embed.weight", v.transpose(n));
            else if (n.equals("mapping/LabelEmbed/bias")) out.put("mapping.embed.bias", v);
            else if (n.equals("synthesis/4x4/Const/const")) out.put("synthesis.b4.const", v.first(n));
            else if ((m = NOISE.matcher(n)).matches()) {
                out.put(ForeignCheckpoint.noiseConstName(Integer.parseInt(m.group(1))), v.first(n).first(n));
            } else if ((m = G_LAYER.matcher(n)).matches()) {
                String layer = switch (m.group(2)) {
                    case "Conv", "Conv1" -> "conv1";
                    case "Conv0_up" -> "conv0";
                    case "ToRGB" -> "torgb";
                    default -> "skip";
                };
                String p = "synthesis.b" + m.group(1) + "." + layer + ".";
                switch (m.group(3)) {
                    case "weight" -> out.put(p + "weight", v.tfConv(n, layer.equals("conv0") || layer.equals("skip")));
                    case "mod_weight" -> out.put(p + "affine.weight", v.transpose(n));
                    case "mod_bias" -> out.put(p + "affine.bias", v.plus(1));
                    default -> out.put(p + m.group(3), v);
                }
            } else throw new InteropException(source + ": TF generator variable '" + n + "' has no official counterpart"
                    + (n.contains("_lod") ? " (progressive-growing 'orig' outputs are not supported)" : ""));
        }
        return out;
    }

    private static final Pattern D_LAYER = Pattern.compile("(\\d+)x\\1/(FromRGB|Conv0|Conv1_down|Skip|Conv|Dense0)/(weight|bias)");
    private static final Pattern D_MAP = Pattern.compile("Mapping(\\d+)/(weight|bias)");

    private static Map<String, TensorData> discriminator(Map<String, Object> tf, String source) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : tf.entrySet()) {
            String n = e.getKey();
            TensorData v = array(e.getValue(), n, source);
            Matcher m;
            boolean w = n.endsWith("/weight");
            if ((m = D_LAYER.matcher(n)).matches()) {
                String layer = switch (m.group(2)) {
                    case "FromRGB" -> "fromrgb";
                    case "Conv0" -> "conv0";
                    case "Conv1_down" -> "conv1";
                    case "Skip" -> "skip";
                    case "Conv" -> "conv";
                    default -> "fc";
                };
                out.put("b" + m.group(1) + "." + layer + "." + m.group(3), !w ? v : layer.equals("fc") ? v.transpose(n) : v.tfConv(n, false));
            } else if (n.startsWith("Output/")) out.put("b4.out." + (w ? "weight" : "bias"), w ? v.transpose(n) : v);
            else if (n.startsWith("LabelEmbed/")) out.put("mapping.embed." + (w ? "weight" : "bias"), w ? v.transpose(n) : v);
            else if ((m = D_MAP.matcher(n)).matches()) out.put("mapping.fc" + m.group(1) + "." + m.group(2), w ? v.transpose(n) : v);
            else throw new InteropException(source + ": TF discriminator variable '" + n + "' has no official counterpart");
        }
        return out;
    }

    /** A TF variable's value: a float32 ndarray, or a numpy float32 scalar (0-dim variables, as Session.run returns them). */
    private static TensorData array(Object v, String name, String source) {
        if (v instanceof Double d) return TensorData.scalar(d);
        if (!(v instanceof PyValues.NdArray a) || a.raw == null)
            throw new InteropException(source + ": TF variable '" + name + "' is a " + PyValues.typeName(v) + ", not an array");
        if (!a.dtype.str.equals("f4") || a.fortran)
            throw new InteropException(source + ": TF variable '" + name + "' is " + a.dtype.str + (a.fortran ? " in Fortran order" : "")
                    + "; only C-ordered float32 is supported");
        long n = 1;
        for (long s : a.shape) n = Math.multiplyExact(n, s);
        if (n * 4 != a.raw.length()) throw new InteropException(source + ": TF variable '" + name + "' has " + a.raw.length() + " bytes for " + n + " floats");
        float[] f = new float[(int) n];
        ByteBuffer.wrap(a.raw.array(), a.raw.offset(), a.raw.length()).order(">".equals(a.dtype.byteOrder) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        return new TensorData(a.shape, f);
    }
}
