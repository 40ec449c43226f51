package io.stylegan4j.nn;

import io.stylegan4j.ops.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A named tree of parameters, buffers and child modules whose dotted names are the official PyTorch state-dict
 * keys ({@code synthesis.b16.conv0.weight}), so checkpoints, imports of official weights and tests speak one
 * vocabulary. Order follows PyTorch's {@code state_dict()}: own parameters, own buffers, then children.
 *
 * <p>A module owns the native memory of every tensor it registers (parameters, buffers, constants) and of the
 * resources it {@link #own}s (the resampling filter's taps): each is retained on registration, so a module built
 * inside a {@code PointerScope} outlives the scope, and released by {@link #close}, which frees the whole tree
 * deterministically instead of waiting for the garbage collector.
 */
public abstract class Module implements AutoCloseable {
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Tensor> constants = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final List<AutoCloseable> owned = new ArrayList<>();
    private boolean closed;
    protected boolean training;

    protected final Tensor param(String name, Tensor init) {
        Tensor p = init.detach().requires_grad_(true);
        p.retainReference();
        params.put(name, p);
        return p;
    }

    protected final Tensor buffer(String name, Tensor value) {
        Tensor b = value.detach();
        b.retainReference();
        buffers.put(name, b);
        return b;
    }

    /**
     * A value fixed by the architecture (the resampling filter): written under its official name so files match
     * the official layout, but checked rather than overwritten on load.
     */
    protected final void constant(String name, Tensor value) {
        value.retainReference(); // often shared (one filter for every layer): each registration holds one reference
        constants.put(name, value);
    }

    /** A resource this module created and must release with itself (e.g. a {@code Fir} shared by its children). */
    protected final <R extends AutoCloseable> R own(R resource) {
        owned.add(resource);
        return resource;
    }

    /**
     * What joins this module's child names to theirs: "." for the PyTorch state-dict names, "/" in the StyleGAN v1 and
     * ProGAN modules, whose names are the official TensorFlow variable scopes ({@code G_synthesis/8x8/Conv0_up/weight}).
     */
    protected String separator() {
        return ".";
    }

    protected final <M extends Module> M child(String name, M module) {
        children.put(name, module);
        return module;
    }

    public final Map<String, Tensor> parameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect(out, "", true, false);
        return out;
    }

    public final Map<String, Tensor> buffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect(out, "", false, true);
        return out;
    }

    /** Parameters and buffers under their official names (what training changes). */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect(out, "", true, true);
        return out;
    }

    /** The complete official layout: parameters, buffers and architecture constants, in PyTorch's order. */
    public final Map<String, Tensor> fullStateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectAll(out, "");
        return out;
    }

    public final Map<String, Tensor> constants() {
        Map<String, Tensor> all = fullStateDict();
        all.keySet().removeAll(stateDict().keySet());
        return all;
    }

    /**
     * Releases this module's tensors and those of its children and owned resources; the module is unusable
     * afterwards. Idempotent. A tensor someone else also retained (an optimizer's view, a shared filter) lives on
     * until its last holder releases it.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (Module m : children.values()) m.close();
        for (Tensor t : params.values()) t.releaseReference();
        for (Tensor t : buffers.values()) t.releaseReference();
        for (Tensor t : constants.values()) t.releaseReference();
        for (AutoCloseable r : owned) {
            try {
                r.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not release " + r, e);
            }
        }
        params.clear();
        buffers.clear();
        constants.clear();
        children.clear();
        owned.clear();
    }

    private void collect(Map<String, Tensor> out, String prefix, boolean withParams, boolean withBuffers) {
        if (withParams) params.forEach((k, v) -> out.put(prefix + k, v));
        if (withBuffers) buffers.forEach((k, v) -> out.put(prefix + k, v));
        children.forEach((k, m) -> m.collect(out, childPrefix(prefix, k), withParams, withBuffers));
    }

    private void collectAll(Map<String, Tensor> out, String prefix) {
        params.forEach((k, v) -> out.put(prefix + k, v));
        buffers.forEach((k, v) -> out.put(prefix + k, v));
        constants.forEach((k, v) -> out.put(prefix + k, v));
        children.forEach((k, m) -> m.collectAll(out, childPrefix(prefix, k)));
    }

    /** A child registered under "" is inlined: its names join its parent's (a v1 layer's weight beside its noise). */
    private String childPrefix(String prefix, String name) {
        return name.isEmpty() ? prefix : prefix + name + separator();
    }

    public void train(boolean on) {
        training = on;
        children.values().forEach(m -> m.train(on));
    }

    public boolean isTraining() {
        return training;
    }

    public void requiresGrad(boolean on) {
        for (Tensor p : parameters().values()) p.requires_grad_(on);
    }

    /**
     * Casts every parameter and buffer in place, as PyTorch's {@code Module.to(dtype)}: the same tensor objects
     * (fields and maps keep pointing at them) get new storage of {@code dtype}. Constants (the resampling filter)
     * stay f32; the ops cast them to the activation's dtype. For bf16 inference; f32 stays the training dtype.
     */
    public Module to(ScalarType dtype) {
        try (NoGradGuard g = new NoGradGuard()) {
            for (Tensor t : stateDict().values())
                if (t.scalar_type().intern() != dtype.intern()) t.set_data(t.to(dtype));
        }
        return this;
    }

    /**
     * The dtype of the first parameter (all share one after {@link #to}); Float for a module without any. Interned:
     * JavaCPP returns a fresh enum object from native calls, so only interned values compare with {@code ==}.
     */
    public ScalarType dtype() {
        for (Tensor p : parameters().values()) return p.scalar_type().intern();
        return ScalarType.Float;
    }

    public long parameterCount() {
        long n = 0;
        for (Tensor p : parameters().values()) n += p.numel();
        return n;
    }

    /** Copies {@code source}'s parameters and buffers into this module (same architecture), without gradients. */
    public void copyFrom(Module source) {
        Map<String, Tensor> src = source.stateDict();
        try (NoGradGuard g = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> e : stateDict().entrySet()) e.getValue().copy_(src.get(e.getKey()));
        }
    }

    /**
     * Loads values by official name. Every parameter and buffer must be present with the same shape; constants
     * may be absent, and where present must equal ours (a custom resampling filter is not supported).
     */
    public void load(Map<String, Tensor> values, String source) {
        Map<String, Tensor> mine = stateDict();
        Map<String, Tensor> fixed = constants();
        for (String k : mine.keySet())
            if (!values.containsKey(k)) throw new IllegalArgumentException(source + ": missing tensor '" + k + "'");
        for (String k : values.keySet())
            if (!mine.containsKey(k) && !fixed.containsKey(k))
                throw new IllegalArgumentException(source + ": unexpected tensor '" + k + "' (do the config and the weights match?)");
        try (NoGradGuard g = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> e : fixed.entrySet()) {
                Tensor v = values.get(e.getKey());
                if (v == null) continue;
                checkShape(source, e.getKey(), e.getValue(), v);
                if (Tensors.item(v.to(e.getValue().device(), v.scalar_type()).sub(e.getValue()).abs().max()) > 1e-6)
                    throw new IllegalArgumentException(source + ": '" + e.getKey() + "' is not the [1,3,3,1] filter this model uses;"
                            + " custom resampling filters are not supported");
            }
            for (Map.Entry<String, Tensor> e : mine.entrySet()) {
                Tensor v = values.get(e.getKey());
                checkShape(source, e.getKey(), e.getValue(), v);
                e.getValue().copy_(v);
            }
        }
    }

    private static void checkShape(String source, String name, Tensor mine, Tensor given) {
        long[] want = Tensors.shape(mine), got = Tensors.shape(given);
        if (!java.util.Arrays.equals(want, got))
            throw new IllegalArgumentException(source + ": tensor '" + name + "' has shape " + java.util.Arrays.toString(got)
                    + ", the config expects " + java.util.Arrays.toString(want));
    }
}
