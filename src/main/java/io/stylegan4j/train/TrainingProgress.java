package io.stylegan4j.train;

import io.stylegan4j.report.Progress;
import java.io.Closeable;

/**
 * The progress bar of a training run. It counts images towards --kimg, or, when the clock alone ends the run
 * (--minutes with no --kimg), seconds towards the deadline: a bar over a length nobody asked for would show a
 * meaningless percentage and an ETA of weeks.
 */
public final class TrainingProgress implements Closeable {
    /** The training length that --minutes without --kimg gives: no cap a run could reach, so the clock ends it. */
    public static final double CLOCK_ONLY_KIMG = 1e6;

    private final Progress bar;
    private final long startNanos = System.nanoTime();
    private final boolean byClock;

    /** @param deadlineMinutes 0 when there is no deadline */
    public TrainingProgress(long totalImages, long imagesSeen, double deadlineMinutes) {
        byClock = deadlineMinutes > 0 && totalImages >= CLOCK_ONLY_KIMG * 1000;
        bar = byClock ? new Progress("train", Math.round(deadlineMinutes * 60), "s")
                : new Progress("train", totalImages, "img", imagesSeen);
    }

    /** After a minibatch of {@code images}; {@code message} is shown after the bar. */
    public void step(long images, String message) {
        if (byClock) {
            bar.stepTo((System.nanoTime() - startNanos) / 1_000_000_000L);
            bar.step(0, message);
        } else {
            bar.step(images, message);
        }
    }

    @Override
    public void close() {
        bar.close();
    }
}
