package io.stylegan4j.train;

import io.stylegan4j.ops.Tensors;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Adam exactly as {@code torch.optim.Adam} (no weight decay, no amsgrad), over a module's named parameters. Its
 * moments are plain named tensors so a checkpoint can store and restore them by parameter name.
 *
 * <p>Lazy regularization (StyleGAN2 Appendix B) runs the penalty only every k minibatches; the optimizer that
 * sees those steps is given lr * c and beta^c with c = k / (k + 1), so the per-step momentum and step size stay
 * what they would be if the penalty ran every step. {@link #lazy} builds those settings.
 *
 * <p>Owns its moments (retained, released by {@link #close}).
 */
public final class Adam implements AutoCloseable {
    public record Settings(double lr, double beta1, double beta2, double eps) {
        public Settings withLr(double newLr) {
            return new Settings(newLr, beta1, beta2, eps);
        }

        /** The official correction for a penalty applied every {@code interval} minibatches (0 = none). */
        public Settings lazy(int interval) {
            if (interval <= 0) return this;
            double c = (double) interval / (interval + 1);
            return new Settings(lr * c, Math.pow(beta1, c), Math.pow(beta2, c), eps);
        }
    }

    private final Map<String, Tensor> params;
    private Settings s;
    private final Map<String, Tensor> expAvg = new LinkedHashMap<>();
    private final Map<String, Tensor> expAvgSq = new LinkedHashMap<>();
    private long step;

    public Adam(Map<String, Tensor> params, Settings settings) {
        this.params = new LinkedHashMap<>(params);
        this.s = settings;
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            Tensor m = torch.zeros_like(e.getValue());
            Tensor v = torch.zeros_like(e.getValue());
            m.retainReference();
            v.retainReference();
            expAvg.put(e.getKey(), m);
            expAvgSq.put(e.getKey(), v);
        }
    }

    public Settings settings() {
        return s;
    }

    /** Progressive growing sets the learning rate per resolution (the official G_lrate_dict / D_lrate_dict). */
    public void setLr(double lr) {
        s = s.withLr(lr);
    }

    /** Zero moments and step count, as the official {@code reset_optimizer_state} when new layers come in. */
    public void reset() {
        try (NoGradGuard ng = new NoGradGuard()) {
            for (Tensor t : expAvg.values()) t.zero_();
            for (Tensor t : expAvgSq.values()) t.zero_();
        }
        step = 0;
    }

    public long stepCount() {
        return step;
    }

    public void zeroGrad() {
        for (Tensor p : params.values()) if (p.grad().defined()) p.mutable_grad().reset();
    }

    /**
     * One update from the accumulated gradients. NaN/Inf in a gradient are replaced as the official loop does
     * (nan -> 0, +-inf -> +-1e5) so one bad sample cannot poison the moments; the loss check catches real blow-ups.
     */
    public void step() {
        step(s.lr());
    }

    /** As {@link #step()} with this step's learning rate (a schedule, as the projector's ramps). */
    public void step(double lr) {
        step++;
        double bc1 = 1 - Math.pow(s.beta1(), step);
        double bc2 = 1 - Math.pow(s.beta2(), step);
        try (NoGradGuard ng = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                Tensor p = e.getValue();
                Tensor g = p.grad();
                if (!g.defined()) continue;
                g = torch.nan_to_num(g, new org.bytedeco.pytorch.DoubleOptional(0), new org.bytedeco.pytorch.DoubleOptional(1e5),
                        new org.bytedeco.pytorch.DoubleOptional(-1e5));
                Tensor m = expAvg.get(e.getKey()), v = expAvgSq.get(e.getKey());
                m.lerp_(g, Tensors.scalar(1 - s.beta1()));
                v.mul_(Tensors.scalar(s.beta2())).addcmul_(g, g, Tensors.scalar(1 - s.beta2()));
                Tensor denom = v.sqrt().div(Tensors.scalar(Math.sqrt(bc2))).add(Tensors.scalar(s.eps()));
                p.addcdiv_(m, denom, Tensors.scalar(-lr / bc1));
            }
        }
    }

    /**
     * exp_avg/&lt;name&gt; and exp_avg_sq/&lt;name&gt;. The step count is not among them: a checkpoint keeps it in its
     * training state ({@link #stepCount}, restored by {@link #load}).
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        expAvg.forEach((k, v) -> out.put("exp_avg/" + k, v));
        expAvgSq.forEach((k, v) -> out.put("exp_avg_sq/" + k, v));
        return out;
    }

    /** Releases the moments (the parameters belong to their module); the optimizer is unusable afterwards. */
    @Override
    public void close() {
        expAvg.values().forEach(Tensor::releaseReference);
        expAvgSq.values().forEach(Tensor::releaseReference);
        expAvg.clear();
        expAvgSq.clear();
    }

    public void load(Map<String, Tensor> state, long stepCount, String source) {
        try (NoGradGuard ng = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> e : stateDict().entrySet()) {
                Tensor v = state.get(e.getKey());
                if (v == null) throw new IllegalArgumentException(source + ": optimizer state '" + e.getKey() + "' is missing");
                e.getValue().copy_(v);
            }
        }
        this.step = stepCount;
    }
}
