package io.stylegan4j.augment;

/**
 * The ADA heuristic (paper Section 3, official training_loop.py): r_t = E[sign(D(x_real))] over the last
 * {@code interval} minibatches; p moves by sign(r_t - target) * batch * interval / (kimg * 1000), so p can go from
 * 0 to 1 in {@code kimg} thousand images, and never below 0. Every real-logit report counts (Dmain's and the lazy
 * R1 phase's), as in the official statistics collector.
 */
public final class AdaController {
    private final double target;
    private final int interval;
    private final double step; // |adjustment| per interval
    private double signSum;
    private long signCount;

    public AdaController(double target, int interval, double kimg, int batch) {
        this.target = target;
        this.interval = interval;
        this.step = (double) batch * interval / (kimg * 1000);
    }

    /** Accumulates D's real logits' signs: their sum and how many there were. */
    public void report(double sumOfSigns, long count) {
        signSum += sumOfSigns;
        signCount += count;
    }

    /**
     * Called after every minibatch with the number of minibatches done so far (the official batch_idx after its
     * increment): every {@code interval}, returns the adjusted p and starts a new average; otherwise returns p.
     */
    public float update(long batchesDone, float p) {
        if (batchesDone % interval != 0 || signCount == 0) return p;
        double rt = signSum / signCount;
        signSum = 0;
        signCount = 0;
        // float32 arithmetic, as the official p buffer: p + adjust is rounded to float.
        return Math.max(0f, p + (float) (Math.signum(rt - target) * step));
    }

    /** What must survive a snapshot for a resumed run to adjust p exactly as an uninterrupted one. */
    public record State(float p, double signSum, long signCount) {}

    State state(float p) {
        return new State(p, signSum, signCount);
    }

    void restore(State s) {
        signSum = s.signSum();
        signCount = s.signCount();
    }
}
