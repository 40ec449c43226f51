package io.stylegan4j.interop;

import com.fasterxml.jackson.databind.JsonNode;
import io.stylegan4j.checkpoint.OfficialKwargs;
import io.stylegan4j.model.DiscriminatorConfig;
import io.stylegan4j.model.GeneratorConfig;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An NVlabs network pickle (stylegan2-ada-pytorch snapshots, stylegan3's StyleGAN2 networks, legacy.py's output):
 * {@code {G, D, G_ema, augment_pipe, training_set_kwargs}} of torch_utils.persistence objects. The architecture
 * comes from the top-level {@code _init_kwargs} (the official constructor kwargs), the tensors from the modules'
 * {@code _parameters} and persistent {@code _buffers}, walked as {@code state_dict()} walks them.
 */
final class NvlabsPickle {
    private NvlabsPickle() {}

    private static final int MAX_DEPTH = 32;

    static boolean looksLike(Object root) {
        return root instanceof Map<?, ?> m && m.get("G_ema") instanceof PyValues.Persistent;
    }

    static ForeignCheckpoint convert(Map<?, ?> root, String source) {
        PyValues.Persistent gEma = net(root, "G_ema", "Generator", source);
        PyValues.Persistent g = root.get("G") == null ? null : net(root, "G", "Generator", source);
        PyValues.Persistent d = root.get("D") == null ? null : net(root, "D", "Discriminator", source);
        rejectStyleGan3(gEma, source);
        GeneratorConfig gCfg = OfficialKwargs.generator(kwargs(gEma, "G_ema", source));
        DiscriminatorConfig dCfg = d == null ? null : OfficialKwargs.discriminator(kwargs(d, "D", source));
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("G_kwargs", kwargs(gEma, "G_ema", source));
        if (d != null) about.put("D_kwargs", kwargs(d, "D", source));
        about.put("training_set_kwargs", Values.json(root.get("training_set_kwargs"), "training_set_kwargs"));
        if (root.get("augment_pipe") instanceof PyValues.Persistent aug)
            about.put("augment_p", tensors(aug, source).getOrDefault("p", TensorData.scalar(Double.NaN)).data()[0]);
        about.put("module_src", gEma.moduleSrcHead() + " of embedded Python source (not executed)");
        return new ForeignCheckpoint("NVlabs network pickle (stylegan2-ada-pytorch / stylegan3)", source, gCfg, tensors(gEma, source),
                g == null ? null : tensors(g, source), dCfg, d == null ? null : tensors(d, source), about);
    }

    private static PyValues.Persistent net(Map<?, ?> root, String key, String cls, String source) {
        Object o = root.get(key);
        if (!(o instanceof PyValues.Persistent p))
            throw new InteropException(source + ": '" + key + "' is a " + PyValues.typeName(o) + ", not a persistent network");
        if (!p.className().equals(cls))
            throw new InteropException(source + ": '" + key + "' is a " + p.className() + ", expected a " + cls);
        return p;
    }

    private static void rejectStyleGan3(PyValues.Persistent gEma, String source) {
        Object modules = gEma.state().get("_modules");
        if (modules instanceof Map<?, ?> m && m.get("synthesis") instanceof PyValues.Persistent s
                && s.state().get("_modules") instanceof Map<?, ?> sm && sm.containsKey("input"))
            throw new InteropException(source + ": a StyleGAN3 (alias-free) generator; stylegan4j runs StyleGAN2 networks only");
    }

    /** The constructor kwargs as JSON; positional {@code _init_args} would need the Python signature, so they are refused. */
    private static JsonNode kwargs(PyValues.Persistent p, String what, String source) {
        Object args = p.state().get("_init_args");
        if (args instanceof Object[] t && t.length > 0)
            throw new InteropException(source + ": " + what + " was constructed with positional arguments; only kwargs are supported");
        Map<?, ?> kw = Values.dict(p.state().get("_init_kwargs"), what + "._init_kwargs");
        return Values.json(kw, source + ": " + what + "._init_kwargs");
    }

    /** state_dict() of a persistent module: parameters, then persistent buffers, then children, depth first. */
    static Map<String, TensorData> tensors(PyValues.Persistent p, String source) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        walk(p, "", out, 0, source);
        return out;
    }

    private static void walk(PyValues.Persistent p, String prefix, Map<String, TensorData> out, int depth, String source) {
        if (depth > MAX_DEPTH) throw new InteropException(source + ": modules nested deeper than " + MAX_DEPTH + " (a cycle?)");
        Map<?, ?> st = p.state();
        Object skip = st.get("_non_persistent_buffers_set");
        Collection<?> nonPersistent = skip instanceof Collection<?> c ? c : java.util.Set.of();
        for (String kind : new String[] {"_parameters", "_buffers"}) {
            Object o = st.get(kind);
            if (o == null) continue;
            for (Map.Entry<?, ?> e : Values.dict(o, prefix + kind).entrySet()) {
                if (e.getValue() == null || nonPersistent.contains(e.getKey())) continue;
                if (!(e.getValue() instanceof TensorData t))
                    throw new InteropException(source + ": " + prefix + e.getKey() + " is a " + PyValues.typeName(e.getValue()) + ", not a tensor");
                out.put(prefix + Values.str(e.getKey(), "tensor name"), t);
            }
        }
        Object mods = st.get("_modules");
        if (mods == null) return;
        for (Map.Entry<?, ?> e : Values.dict(mods, prefix + "_modules").entrySet()) {
            if (e.getValue() == null) continue;
            if (!(e.getValue() instanceof PyValues.Persistent child))
                throw new InteropException(source + ": submodule " + prefix + e.getKey() + " is a " + PyValues.typeName(e.getValue())
                        + ", not a persistent module");
            walk(child, prefix + Values.str(e.getKey(), "module name") + ".", out, depth + 1, source);
        }
    }
}
