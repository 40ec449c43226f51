package io.stylegan4j.parity;

import static io.stylegan4j.parity.Check.Kind.FORWARD;
import static io.stylegan4j.parity.Check.Kind.GRADIENT;

import io.stylegan4j.checkpoint.OfficialKwargs;
import io.stylegan4j.checkpoint.StateDicts;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.StyleMix;
import io.stylegan4j.model.Truncation;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.ConvForm;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.train.Regularizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * The network checks of a fixture folder: G and D are built from the official kwargs, loaded from the official
 * state dicts, and every tensor of io.safetensors and grads.safetensors is recomputed. Each stage takes the
 * fixture's own inputs (e.g. the reference ws for synthesis), so an error is pinned to the stage that made it.
 * Sizes come from the fixture's tensors and config.json, never from the shipped folder's.
 */
final class ModelParity {
    private ModelParity() {}

    static Generator loadG(FixtureFolder fx) {
        Generator g = new Generator(OfficialKwargs.generator(fx.config().path("G_kwargs")), fx.device());
        g.load(StateDicts.read(fx.g(), "", fx.device()), fx.dir().resolve("G.safetensors").toString());
        g.train(false);
        return g;
    }

    static Discriminator loadD(FixtureFolder fx) {
        Discriminator d = new Discriminator(OfficialKwargs.discriminator(fx.config().path("D_kwargs")), fx.device());
        d.load(StateDicts.read(fx.d(), "", fx.device()), fx.dir().resolve("D.safetensors").toString());
        d.train(false);
        return d;
    }

    static List<Check> run(FixtureFolder fx) {
        SafeTensors io = fx.io();
        Device dev = fx.device();
        List<Check> out = new ArrayList<>();
        Generator g = loadG(fx);
        Discriminator d = loadD(fx);
        Tensor z = in(fx, "z"), z2 = in(fx, "z2");

        out.add(fwd(io, "ws_psi1", g.ws(z, null, Truncation.NONE)));
        out.add(fwd(io, "ws_psi0.7", g.ws(z, null, Truncation.of(0.7))));
        out.add(fwd(io, "ws_psi0.5_cutoff2", g.ws(z, null, new Truncation(0.5, 2))));
        out.add(fwd(io, "ws2_psi1", g.ws(z2, null, Truncation.NONE)));

        Tensor ws = in(fx, "ws_psi1");
        out.add(fwd(io, "img_const", g.synthesize(ws, Noise.CONST, ConvForm.GROUPED)));
        out.add(fwd(io, "img_none", g.synthesize(ws, Noise.NONE, ConvForm.GROUPED)));
        out.add(fwd(io, "img_const_psi0.7", g.synthesize(in(fx, "ws_psi0.7"), Noise.CONST, ConvForm.GROUPED)));
        out.add(fwd(io, "img_const_unfused", g.synthesize(ws, Noise.CONST, ConvForm.SHARED_WEIGHT)));
        out.add(fwd(io, "ws_mix", StyleMix.mix(ws, in(fx, "ws2_psi1"), mixLayers(fx))));
        out.add(fwd(io, "img_mix", g.synthesize(in(fx, "ws_mix"), Noise.CONST, ConvForm.GROUPED)));

        Tensor x = in(fx, "x");
        out.add(fwd(io, "d_logits_x", d.forward(x)));
        out.add(fwd(io, "d_logits_img_const", d.forward(in(fx, "img_const"))));

        Regularizers.R1 r1 = Regularizers.r1Penalty(d, x);
        out.add(fwd(io, "r1_grads", r1.grads()));
        out.add(fwd(io, "r1", r1.penalty()));
        out.addAll(paramGrads(fx, "r1_param_grad/", r1.penalty().sum(), d.parameters()));

        Tensor wsGraph = g.ws(z, null, Truncation.NONE);
        Tensor img = g.synthesize(wsGraph, Noise.CONST, ConvForm.SHARED_WEIGHT);
        Regularizers.PathLengths pl = Regularizers.pathLengths(img, wsGraph, in(fx, "pl_noise"));
        out.add(fwd(io, "pl_grads", pl.grads()));
        out.add(fwd(io, "pl_lengths", pl.lengths()));
        out.addAll(paramGrads(fx, "pl_param_grad/", pl.lengths().sum(), g.parameters()));
        Regularizers.PathLengthPenalty pen = Regularizers.pathLengthPenalty(pl.lengths(), in(fx, "pl_mean_prev"), 0.01);
        Tensor plLoss = pen.penalty().mul(Tensors.scalar(2)).mean();
        out.add(fwd(io, "pl_mean", pen.plMean()));
        out.add(fwd(io, "pl_penalty", pen.penalty()));
        out.add(fwd(io, "pl_loss", plLoss));
        out.addAll(paramGrads(fx, "pl_loss_param_grad/", plLoss, g.parameters()));
        return out;
    }

    /** Second-order parameter gradients, for every name the fixture lists under {@code prefix} (io and grads files). */
    private static List<Check> paramGrads(FixtureFolder fx, String prefix, Tensor loss, Map<String, Tensor> params) {
        List<String> names = new ArrayList<>();
        List<SafeTensors> files = new ArrayList<>();
        for (SafeTensors f : fx.has("grads.safetensors") ? List.of(fx.io(), fx.grads()) : List.of(fx.io())) {
            for (String n : f.names()) {
                if (n.startsWith(prefix) && !names.contains(n)) {
                    names.add(n);
                    files.add(f);
                }
            }
        }
        Tensor[] inputs = new Tensor[names.size()];
        for (int i = 0; i < inputs.length; i++) {
            String key = names.get(i).substring(prefix.length());
            inputs[i] = params.get(key);
            if (inputs[i] == null) throw new IllegalArgumentException(fx.dir() + ": '" + names.get(i) + "' names no parameter of the model");
        }
        Tensor[] grads = Tensors.gradAllowUnused(loss, false, inputs);
        List<float[]> refs = new ArrayList<>();
        double familyScale = 0;
        for (int i = 0; i < inputs.length; i++) {
            refs.add(FixtureFolder.floats(files.get(i), names.get(i)));
            familyScale = Math.max(familyScale, Check.maxAbs(refs.get(i)));
        }
        List<Check> out = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++)
            out.add(Check.of(names.get(i), GRADIENT, Tensors.toFloats(grads[i]), refs.get(i), familyScale));
        return out;
    }

    /** The layers the fixture's ws_mix takes from z2: where {@code mix_from_z2} is 1. */
    static Set<Integer> mixLayers(FixtureFolder fx) {
        float[] fromZ2 = FixtureFolder.floats(fx.io(), "mix_from_z2");
        Set<Integer> out = new TreeSet<>();
        for (int l = 0; l < fromZ2.length; l++) if (fromZ2[l] != 0) out.add(l);
        return out;
    }

    private static Tensor in(FixtureFolder fx, String name) {
        return FixtureFolder.tensor(fx.io(), name, fx.device());
    }

    private static Check fwd(SafeTensors io, String name, Tensor actual) {
        return Check.of(name, FORWARD, Tensors.toFloats(actual), FixtureFolder.floats(io, name));
    }
}
