package io.stylegan4j.train.progressive;

import io.stylegan4j.checkpoint.V1ModelFile;
import io.stylegan4j.model.v1.ProgressiveDiscriminator;
import io.stylegan4j.model.v1.ProgressiveGenerator;
import io.stylegan4j.ops.Resize;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.train.Adam;
import io.stylegan4j.train.Ema;
import io.stylegan4j.train.LossConfig;
import io.stylegan4j.train.Regularizers;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * One minibatch of the official v1 training loop: a D step (non-saturating logistic + R1 as D_logistic_simplegp, or
 * WGAN-GP with the epsilon drift as D_wgan_gp) with the G_ema update, then a G step (G_logistic_nonsaturating or
 * G_wgan), all at the schedule's lod. Owns the networks and optimizers; randomness comes from libtorch's generator.
 */
public final class ProgressiveStep implements AutoCloseable {
    public final ProgressiveGenerator g, gEma;
    public final ProgressiveDiscriminator d;
    public final Adam optG, optD;
    private final ProgressiveOptions o;
    private final Device dev;

    /** Fresh networks from libtorch's global generator (seed it first for a reproducible init). */
    public ProgressiveStep(ProgressiveOptions o, Device dev) {
        this.o = o;
        this.dev = dev;
        Record gc = o.styleG() != null ? o.styleG() : o.proGanG();
        g = V1ModelFile.newGenerator(gc, dev);
        d = new ProgressiveDiscriminator(o.d(), dev);
        gEma = V1ModelFile.newGenerator(gc, dev);
        gEma.module().copyFrom(g.module());
        gEma.module().train(false);
        g.module().train(true);
        d.train(true);
        Adam.Settings s = new Adam.Settings(o.schedule().gLrateBase(), o.adamBeta1(), o.adamBeta2(), o.adamEpsilon());
        optG = new Adam(g.module().parameters(), s);
        optD = new Adam(d.parameters(), s.withLr(o.schedule().dLrateBase()));
        g.module().requiresGrad(false);
        d.requiresGrad(false);
    }

    /**
     * The reals as the official {@code process_reals} shows them at {@code lod} = k + t: at resolution res / 2^k
     * (2x2 averages, as the dataset's lower levels), blended with weight t toward their own 2x2 average, then
     * upscaled (nearest) to the full size the networks take.
     */
    public static Tensor processReals(Tensor x, double lod) {
        int k = (int) Math.floor(lod);
        double t = lod - k;
        x = Resize.averageDown(x, 1 << k);
        if (t > 0) {
            Tensor y = Resize.nearestUp(Resize.averageDown(x, 2), 2);
            x = x.add(y.sub(x).mul(Tensors.scalar(t)));
        }
        return Resize.nearestUp(x, 1 << k);
    }

    /** One D step on {@code reals} (already processed for {@code lod}), then the G_ema update. */
    public void dStep(Tensor reals, double lod, Map<String, Double> stats) {
        int n = (int) reals.size(0);
        Tensor z = torch.randn(new long[] {n, g.zDim()}, Tensors.options(dev));
        Tensor fake;
        try (NoGradGuard ng = new NoGradGuard()) {
            fake = g.trainingForward(z, lod);
        }
        d.requiresGrad(true);
        optD.zeroGrad();
        Tensor fakeScores = d.forward(fake, lod);
        LossConfig l = o.loss();
        Tensor loss, realScores;
        if (l.kind() == LossConfig.Kind.WGAN_GP) {
            realScores = d.forward(reals, lod);
            Tensor factors = torch.rand(new long[] {n, 1, 1, 1}, Tensors.options(dev));
            Tensor mixed = reals.add(fake.sub(reals).mul(factors));
            Regularizers.GradientPenalty gp = Regularizers.wganGradientPenalty(x -> d.forward(x, lod), mixed, l.wganTarget());
            Tensor eps = realScores.square();
            loss = fakeScores.sub(realScores).squeeze(1)
                    .add(gp.penalty().mul(Tensors.scalar(l.wganLambda() / (l.wganTarget() * l.wganTarget()))))
                    .add(eps.squeeze(1).mul(Tensors.scalar(l.wganEpsilon())));
            stats.put("Loss/wgan_gp", Tensors.item(gp.penalty().mean()));
            stats.put("Loss/epsilon_penalty", Tensors.item(eps.mean()));
        } else {
            Regularizers.R1 r1 = Regularizers.r1Penalty(x -> d.forward(x, lod), reals);
            realScores = r1.logits();
            loss = torch.softplus(fakeScores).add(torch.softplus(realScores.neg())).squeeze(1);
            if (l.r1Gamma() > 0) loss = loss.add(r1.penalty().mul(Tensors.scalar(l.r1Gamma() / 2)));
            stats.put("Loss/r1_penalty", Tensors.item(r1.penalty().mean()));
        }
        Tensor mean = loss.mean();
        stats.put("Loss/D/loss", Tensors.item(mean));
        stats.put("Loss/scores/real", Tensors.item(realScores.mean()));
        stats.put("Loss/scores/fake", Tensors.item(fakeScores.mean()));
        mean.backward();
        d.requiresGrad(false);
        optD.step();
        optD.zeroGrad();
        Ema.update(gEma.module(), g.module(), Math.pow(0.5, n / (o.gSmoothingKimg() * 1000)));
    }

    /** One G step on a fresh minibatch of {@code n} latents. */
    public void gStep(int n, double lod, Map<String, Double> stats) {
        Tensor z = torch.randn(new long[] {n, g.zDim()}, Tensors.options(dev));
        g.module().requiresGrad(true);
        optG.zeroGrad();
        Tensor scores = d.forward(g.trainingForward(z, lod), lod);
        Tensor loss = (o.loss().kind() == LossConfig.Kind.WGAN_GP ? scores.neg() : torch.softplus(scores.neg())).mean();
        stats.put("Loss/G/loss", Tensors.item(loss));
        loss.backward();
        g.module().requiresGrad(false);
        optG.step();
        optG.zeroGrad();
    }

    /** Releases the networks and the optimizers' moments. */
    @Override
    public void close() {
        optG.close();
        optD.close();
        g.module().close();
        gEma.module().close();
        d.close();
    }

    /** Sets both networks' stored lod (written into snapshots; G_ema copies it with the other buffers). */
    public void setLod(double lod) {
        g.setLod(lod);
        d.setLod(lod);
    }
}
