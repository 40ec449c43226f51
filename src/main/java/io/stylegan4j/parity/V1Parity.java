package io.stylegan4j.parity;

import static io.stylegan4j.parity.Check.Kind.FORWARD;
import static io.stylegan4j.parity.Check.Kind.GRADIENT;

import com.fasterxml.jackson.databind.JsonNode;
import io.stylegan4j.checkpoint.OfficialV1Import;
import io.stylegan4j.checkpoint.TfLayouts;
import io.stylegan4j.model.v1.ProGanGenerator;
import io.stylegan4j.model.v1.ProgressiveDiscriminator;
import io.stylegan4j.model.v1.StyleGenerator;
import io.stylegan4j.nn.Module;
import io.stylegan4j.nn.Noise;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.train.Regularizers;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The checks of a StyleGAN v1 or ProGAN fixture folder (../shared/fixtures/sg1-*, progan-*): G and D built from the
 * official TF kwargs, loaded from TF-named, TF-layout variables, and every tensor of io.safetensors recomputed, each
 * stage from the fixture's own inputs. Parameter gradients are compared in the TF layout, per family
 * (fixtures/README.md, "Tolerances for the v1 fixtures").
 */
final class V1Parity {
    private V1Parity() {}

    static List<Check> run(FixtureFolder fx) {
        List<Check> out = new ArrayList<>();
        out.addAll(layoutClasses(fx));
        OfficialV1Import.Result nets = OfficialV1Import.load(fx.dir(), fx.device());
        if (nets.d() == null) throw new IllegalArgumentException(fx.dir() + ": D.safetensors or tf_D_kwargs is missing");
        if (nets.g() instanceof StyleGenerator sg) {
            out.addAll(styleChecks(fx, sg));
        } else {
            ProGanGenerator pg = (ProGanGenerator) nets.g();
            Tensor z = in(fx, "z");
            for (String lod : List.of("0", "0.5", "1")) out.add(fwd(fx, "img_lod" + lod, pg.forward(z, Double.parseDouble(lod))));
        }
        ProgressiveDiscriminator d = nets.d();
        out.addAll(discriminatorChecks(fx, d));
        return out;
    }

    /** Our name-and-rank rule for the TF layouts agrees with the layout class names.json gives every variable. */
    private static List<Check> layoutClasses(FixtureFolder fx) {
        List<Check> out = new ArrayList<>();
        if (!Files.isRegularFile(fx.dir().resolve("names.json"))) return out;
        JsonNode names;
        try {
            names = new com.fasterxml.jackson.databind.ObjectMapper().readTree(fx.dir().resolve("names.json").toFile());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(fx.dir().resolve("names.json") + ": not valid JSON (" + e.getMessage() + ")");
        }
        int wrong = 0, total = 0;
        for (String part : List.of("G", "D")) {
            for (JsonNode row : names.path(part)) {
                String expected = row.path("transform").asText();
                TfLayouts.Layout ours = TfLayouts.of(row.path("tf").asText(), row.path("tf_shape").size());
                boolean same = switch (ours) {
                    case CONV -> expected.equals("conv");
                    case DENSE -> expected.equals("dense") || expected.equals("dense4x4");
                    case IDENTITY -> expected.equals("identity");
                };
                total++;
                if (!same) wrong++;
            }
        }
        out.add(new Check("names.json layout classes (" + total + " variables)", FORWARD, wrong, 1, wrong == 0));
        return out;
    }

    private static List<Check> styleChecks(FixtureFolder fx, StyleGenerator g) {
        List<Check> out = new ArrayList<>();
        out.add(fwd(fx, "w", g.mapping.forward(in(fx, "z"))));
        out.add(fwd(fx, "w2", g.mapping.forward(in(fx, "z2"))));
        out.add(fwd(fx, "ws", g.mapToWs(in(fx, "z"))));
        out.add(fwd(fx, "ws2", g.mapToWs(in(fx, "z2"))));
        Tensor ws = in(fx, "ws");
        out.add(fwd(fx, "ws_psi0.7_cutoff4", g.truncate(ws, 0.7, 4)));
        List<Tensor> styles = new ArrayList<>();
        out.add(fwd(fx, "img_lod0", g.synthesize(ws, 0, Noise.CONST, styles)));
        for (int i = 0; i < styles.size(); i++) out.add(fwd(fx, String.format("style%02d", i), styles.get(i)));
        out.add(fwd(fx, "img_lod0.5", g.synthesize(ws, 0.5, Noise.CONST, null)));
        out.add(fwd(fx, "img_lod1", g.synthesize(ws, 1, Noise.CONST, null)));
        out.add(fwd(fx, "img_psi0.7_cutoff4", g.synthesize(in(fx, "ws_psi0.7_cutoff4"), 0, Noise.CONST, null)));
        int crossover = 0;
        for (float f : FixtureFolder.floats(fx.io(), "mix_from_z2")) if (f == 0) crossover++;
        out.add(fwd(fx, "ws_mix", g.mix(ws, in(fx, "ws2"), crossover)));
        out.add(fwd(fx, "img_mix", g.synthesize(in(fx, "ws_mix"), 0, Noise.CONST, null)));
        return out;
    }

    private static List<Check> discriminatorChecks(FixtureFolder fx, ProgressiveDiscriminator d) {
        List<Check> out = new ArrayList<>();
        JsonNode losses = fx.config().path("losses");
        double r1Gamma = losses.path("r1_gamma").asDouble(10), lambda = losses.path("wgan_lambda").asDouble(10);
        double eps = losses.path("wgan_epsilon").asDouble(0.001), target = losses.path("wgan_target").asDouble(1);
        Tensor x = in(fx, "x"), fakes = in(fx, "img_lod0");
        out.add(fwd(fx, "d_logits_x_lod0", d.forward(x, 0)));
        out.add(fwd(fx, "d_logits_x_lod0.5", d.forward(x, 0.5)));
        out.add(fwd(fx, "d_logits_img_lod0", d.forward(fakes, 0)));

        Regularizers.R1 r1 = Regularizers.r1Penalty(img -> d.forward(img, 0), x);
        out.add(fwd(fx, "r1_grads", r1.grads()));
        out.add(fwd(fx, "r1", r1.penalty()));
        out.addAll(paramGrads(fx, "r1_param_grad/", r1.penalty().sum(), d));
        Regularizers.R1 r1half = Regularizers.r1Penalty(img -> d.forward(img, 0.5), x);
        out.add(fwd(fx, "r1_grads_lod0.5", r1half.grads()));
        out.add(fwd(fx, "r1_lod0.5", r1half.penalty()));

        // The official losses add [N, 1] logits to [N] penalties, which broadcasts to [N, N]; the fixture keeps that.
        Tensor simple = torch.softplus(d.forward(fakes, 0)).add(torch.softplus(r1.logits().neg()))
                .add(r1.penalty().mul(Tensors.scalar(r1Gamma / 2)));
        out.add(fwd(fx, "d_logistic_simplegp_loss_tf", simple));
        out.add(fwd(fx, "d_logistic_simplegp_loss", simple.mean()));

        Tensor factors = in(fx, "wgan_mixing_factors");
        Tensor real = d.forward(x, 0), fake = d.forward(fakes, 0);
        Tensor mixed = x.add(fakes.sub(x).mul(factors));
        Regularizers.GradientPenalty gp = Regularizers.wganGradientPenalty(img -> d.forward(img, 0), mixed, target);
        Tensor epsPen = real.square();
        Tensor wgan = fake.sub(real).add(gp.penalty().mul(Tensors.scalar(lambda / (target * target))))
                .add(epsPen.mul(Tensors.scalar(eps)));
        out.add(fwd(fx, "wgan_real_scores", real));
        out.add(fwd(fx, "wgan_fake_scores", fake));
        out.add(fwd(fx, "wgan_mixed", mixed));
        out.add(fwd(fx, "wgan_mixed_scores", gp.logits()));
        out.add(fwd(fx, "wgan_mixed_grads", gp.grads()));
        out.add(fwd(fx, "wgan_mixed_norms", gp.norms()));
        out.add(fwd(fx, "wgan_gradient_penalty", gp.penalty()));
        out.add(fwd(fx, "wgan_epsilon_penalty", epsPen));
        out.add(fwd(fx, "wgan_loss_tf", wgan));
        out.add(fwd(fx, "wgan_loss", wgan.mean()));
        out.addAll(paramGrads(fx, "wgan_param_grad/", wgan.mean(), d));
        return out;
    }

    /** d loss / d every parameter, in the TF layout, against the fixture's family, to 1e-4 of the family's largest value. */
    private static List<Check> paramGrads(FixtureFolder fx, String prefix, Tensor loss, Module m) {
        Map<String, Tensor> params = m.parameters();
        Map<String, float[]> expected = new LinkedHashMap<>();
        for (String n : fx.io().names()) if (n.startsWith(prefix)) expected.put(n.substring(prefix.length()), FixtureFolder.floats(fx.io(), n));
        for (String p : params.keySet())
            if (!expected.containsKey(p)) throw new IllegalArgumentException(fx.dir() + ": no '" + prefix + p + "' for parameter " + p);
        for (String n : expected.keySet())
            if (!params.containsKey(n)) throw new IllegalArgumentException(fx.dir() + ": '" + prefix + n + "' names no parameter of the model");
        double family = 0;
        for (float[] e : expected.values()) for (float v : e) family = Math.max(family, Math.abs(v));
        List<String> names = new ArrayList<>(expected.keySet());
        Tensor[] grads = Tensors.gradAllowUnused(loss, false, names.stream().map(params::get).toArray(Tensor[]::new));
        List<Check> out = new ArrayList<>();
        for (int i = 0; i < grads.length; i++) {
            String n = names.get(i);
            out.add(Check.scaled(prefix + n, GRADIENT, Tensors.toFloats(TfLayouts.toTf(n, grads[i])), expected.get(n), family));
        }
        return out;
    }

    private static Tensor in(FixtureFolder fx, String name) {
        return FixtureFolder.tensor(fx.io(), name, fx.device());
    }

    private static Check fwd(FixtureFolder fx, String name, Tensor actual) {
        return Check.scaled(name, FORWARD, Tensors.toFloats(actual), FixtureFolder.floats(fx.io(), name), 0);
    }
}
