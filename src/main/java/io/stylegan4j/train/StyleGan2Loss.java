package io.stylegan4j.train;

import io.stylegan4j.augment.Augmentation;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.StyleMix;
import io.stylegan4j.ops.Tensors;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The StyleGAN2 training objective, one method per phase. Each phase backpropagates its loss (times {@code gain},
 * the regularization interval for lazy phases) into whichever network currently requires gradients, and reports
 * its scalar values into {@code stats}. All randomness comes from libtorch's default generator, whose state the
 * checkpoint saves, so a resumed run draws the same numbers.
 */
public final class StyleGan2Loss implements AutoCloseable {
    private final Generator g;
    private final Discriminator d;
    private final LossConfig cfg;
    private final Generator.Options base;
    private final Tensor plMean;
    private final Augmentation aug;

    public StyleGan2Loss(Generator g, Discriminator d, LossConfig cfg) {
        this(g, d, cfg, Augmentation.none());
    }

    /** @param aug what every image D sees goes through, reals and fakes alike  */
    public StyleGan2Loss(Generator g, Discriminator d, LossConfig cfg, Augmentation aug) {
        this(g, d, cfg, Generator.Options.DEFAULT, aug);
    }

    /**
     * @param base how the phases run G before any style mixing: the official training's DEFAULT (random noise, psi 1,
     *             each layer's faster formulation); a test fixes the noise to reproduce reference images
     */
    StyleGan2Loss(Generator g, Discriminator d, LossConfig cfg, Generator.Options base) {
        this(g, d, cfg, base, Augmentation.none());
    }

    private StyleGan2Loss(Generator g, Discriminator d, LossConfig cfg, Generator.Options base, Augmentation aug) {
        this.g = g;
        this.aug = aug;
        this.d = d;
        this.cfg = cfg;
        this.base = base;
        this.plMean = torch.zeros(new long[] {}, Tensors.options(g.mapping.wAvg().device()));
        plMean.retainReference();
    }

    public Tensor plMean() {
        return plMean;
    }

    /** Releases the path-length mean it owns (the networks belong to the caller). */
    @Override
    public void close() {
        plMean.releaseReference();
    }

    public record Generated(Tensor img, Tensor ws) {}

    /**
     * G with style-mixing regularization: with probability p, ws from a second z from a random layer on.
     * {@code c} is the labels for a conditional G, else null.
     */
    public Generated runG(Tensor z, Tensor c) {
        Generator.Options o = base;
        if (cfg.styleMixingProb() > 0) {
            int n = g.numWs();
            float[] r = Tensors.toFloats(torch.rand(new long[] {2}, Tensors.options(z.device())));
            // The crossover layer is uniform in [1, numWs - 1], as the official random_(1, num_ws).
            int cutoff = r[0] < cfg.styleMixingProb() ? 1 + Math.min(n - 2, (int) Math.floor(r[1] * (n - 1))) : n;
            if (cutoff < n) o = o.withMix(StyleMix.latent(torch.randn_like(z), StyleMix.crossover(cutoff, n)));
        }
        Generator.Output out = g.forward(z, c, o);
        return new Generated(out.img(), out.ws());
    }

    /**
     * D as the official run_D: every image it judges goes through the augmentation first. With PacGAN packing
     * ({@code pack} k > 1) consecutive groups of k images become one input of k * C channels, their labels one row of
     * k * c_dim: one logit per group.
     */
    private Tensor runD(Tensor img, Tensor c) {
        Tensor x = aug.apply(img);
        int k = cfg.pack();
        if (k == 1) return d.forward(x, c);
        long n = x.size(0);
        Tensor packed = x.reshape(new long[] {n / k, k * x.size(1), x.size(2), x.size(3)});
        return d.forward(packed, c == null ? null : c.reshape(new long[] {n / k, k * c.size(1)}));
    }

    /** A per-image R1 penalty [N] as one per D input [N / k]: the squared gradient norm over the whole packed input. */
    private Tensor perInput(Tensor perImage) {
        int k = cfg.pack();
        return k == 1 ? perImage : perImage.reshape(new long[] {perImage.size(0) / k, k}).sum(new long[] {1});
    }

    /** Reports D's logits on reals: their sign drives ADA's p (the official Loss/signs/real). */
    private void reportReal(Tensor realLogits, Map<String, Double> stats) {
        aug.reportRealLogits(realLogits);
        stats.putIfAbsent("Loss/signs/real", Tensors.item(torch.sign(realLogits.detach()).mean()));
    }

    /** Labels of a minibatch: {@code reals}' own and the ones to generate with; both null when unconditional. */
    public record Labels(Tensor real, Tensor gen) {}

    public void accumulate(Phase phase, Tensor reals, Tensor z, Labels c, double gain, Map<String, Double> stats) {
        switch (phase) {
            case GMAIN -> gMain(z, c.gen(), gain, stats);
            case GREG -> gReg(z, c.gen(), gain, stats);
            case GBOTH -> {
                gMain(z, c.gen(), gain, stats);
                gReg(z, c.gen(), gain, stats);
            }
            case DMAIN -> dMain(reals, z, c, gain, false, stats);
            case DREG -> dReg(reals, c.real(), gain, stats);
            case DBOTH -> dMain(reals, z, c, gain, true, stats);
        }
    }

    private void gMain(Tensor z, Tensor c, double gain, Map<String, Double> stats) {
        Tensor logits = runD(runG(z, c).img(), c);
        Tensor loss = cfg.kind() == LossConfig.Kind.WGAN_GP ? logits.neg() : torch.softplus(logits.neg());
        Tensor mean = loss.mean();
        stats.put("Loss/G/loss", Tensors.item(mean)); // scores/fake comes from Dmain, which scores fakes beside reals
        mean.mul(Tensors.scalar(gain)).backward();
    }

    private void gReg(Tensor z, Tensor c, double gain, Map<String, Double> stats) {
        if (cfg.plWeight() == 0) return;
        long n = Math.max(1, z.size(0) / cfg.plBatchShrink());
        Generated gen = runG(z.narrow(0, 0, n), c == null ? null : c.narrow(0, 0, n));
        Regularizers.PathLengths pl = Regularizers.pathLengths(gen.img(), gen.ws(), Regularizers.pathLengthNoise(gen.img()));
        Regularizers.PathLengthPenalty pen = Regularizers.pathLengthPenalty(pl.lengths(), plMean, cfg.plDecay());
        try (NoGradGuard ng = new NoGradGuard()) {
            plMean.copy_(pen.plMean().detach());
        }
        Tensor loss = pen.penalty().mul(Tensors.scalar(cfg.plWeight()));
        stats.put("Loss/pl_penalty", Tensors.item(pen.penalty().mean()));
        stats.put("Loss/G/reg", Tensors.item(loss.mean()));
        stats.put("pl_mean", Tensors.item(plMean));
        // img[:,0,0,0]*0 keeps every synthesis parameter in the graph, as the official code does.
        gen.img().select(1, 0).select(1, 0).select(1, 0).mul(Tensors.scalar(0)).add(loss).mean()
                .mul(Tensors.scalar(gain)).backward();
    }

    /** Dmain, with R1 on the same real logits when {@code withR1} (the official Dboth). */
    private void dMain(Tensor reals, Tensor z, Labels c, double gain, boolean withR1, Map<String, Double> stats) {
        Tensor fake;
        try (NoGradGuard ng = new NoGradGuard()) {
            fake = runG(z, c.gen()).img();
        }
        Tensor fakeLogits = runD(fake, c.gen());
        boolean wgan = cfg.kind() == LossConfig.Kind.WGAN_GP;
        Tensor lossGen = wgan ? fakeLogits : torch.softplus(fakeLogits);
        lossGen.mean().mul(Tensors.scalar(gain)).backward();

        boolean r1Here = withR1 && !wgan && cfg.r1Gamma() > 0;
        Tensor realLogits, lossReal;
        Tensor total;
        if (r1Here) {
            Regularizers.R1 r1 = Regularizers.r1Penalty(x -> runD(x, c.real()), reals);
            realLogits = r1.logits();
            Tensor penalty = perInput(r1.penalty());
            Tensor r1Loss = penalty.mul(Tensors.scalar(cfg.r1Gamma() / 2));
            stats.put("Loss/r1_penalty", Tensors.item(penalty.mean()));
            stats.put("Loss/D/reg", Tensors.item(r1Loss.mean()));
            lossReal = torch.softplus(realLogits.neg());
            total = lossReal.add(r1Loss.unsqueeze(1));
        } else {
            realLogits = runD(reals.detach(), c.real());
            lossReal = wgan ? realLogits.neg() : torch.softplus(realLogits.neg());
            total = lossReal;
            if (wgan) total = total.add(realLogits.square().mul(Tensors.scalar(cfg.wganEpsilon()))).add(wganPenalty(reals, fake, c.real(), stats));
        }
        reportReal(realLogits, stats);
        stats.put("Loss/D/loss", Tensors.item(lossGen.mean()) + Tensors.item(lossReal.mean()));
        stats.put("Loss/scores/real", Tensors.item(realLogits.mean()));
        stats.put("Loss/scores/fake", Tensors.item(fakeLogits.mean()));
        total.mean().mul(Tensors.scalar(gain)).backward();
    }

    /** WGAN-GP (Gulrajani et al.): lambda / target^2 * (||grad D(x_hat)|| - target)^2 on random interpolates; [N, 1]. */
    private Tensor wganPenalty(Tensor reals, Tensor fake, Tensor c, Map<String, Double> stats) {
        Tensor t = torch.rand(new long[] {reals.size(0), 1, 1, 1}, Tensors.options(reals.device()));
        Tensor mixed = reals.detach().lerp(fake.detach(), t);
        // through runD: D behind the augmentation, as every image D sees
        Tensor pen = Regularizers.wganGradientPenalty(x -> runD(x, c), mixed, cfg.wganTarget()).penalty();
        stats.put("Loss/wgan_gp", Tensors.item(pen.mean()));
        return pen.mul(Tensors.scalar(cfg.wganLambda() / (cfg.wganTarget() * cfg.wganTarget()))).unsqueeze(1);
    }

    private void dReg(Tensor reals, Tensor c, double gain, Map<String, Double> stats) {
        if (cfg.kind() != LossConfig.Kind.NS_R1 || cfg.r1Gamma() == 0) return;
        Regularizers.R1 r1 = Regularizers.r1Penalty(x -> runD(x, c), reals);
        reportReal(r1.logits(), stats);
        Tensor penalty = perInput(r1.penalty());
        Tensor loss = penalty.mul(Tensors.scalar(cfg.r1Gamma() / 2));
        stats.put("Loss/r1_penalty", Tensors.item(penalty.mean()));
        stats.put("Loss/D/reg", Tensors.item(loss.mean()));
        r1.logits().mul(Tensors.scalar(0)).add(loss.unsqueeze(1)).mean().mul(Tensors.scalar(gain)).backward();
    }
}
