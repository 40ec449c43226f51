package io.stylegan4j.report;

import java.io.Closeable;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress for long jobs (training kimg, generating images) with rate and ETA. On a terminal it redraws one
 * line; elsewhere (CI logs, nohup) redraws would flood the log with carriage returns, so it prints a plain
 * line at most every interval plus a final one.
 */
public final class Progress implements Closeable {
    public static final Duration DEFAULT_PLAIN_INTERVAL = Duration.ofSeconds(30);
    // fixed width for plain lines: asking for the terminal width would make jline probe a non-terminal
    private static final int PLAIN_WIDTH = 120;

    private final ProgressBar bar;
    private final Throttle throttle; // plain mode only, else null

    /** Redraws when stdout is a terminal, otherwise plain lines every 30 s, both on System.out. */
    public Progress(String task, long total, String unit) {
        this(task, total, unit, 0);
    }

    /** As above, continuing from {@code start} units already done (a resumed run), so rate and ETA count only new work. */
    public Progress(String task, long total, String unit, long start) {
        this(task, total, unit, System.out, System.console() != null, DEFAULT_PLAIN_INTERVAL, start);
    }

    public Progress(String task, long total, String unit, PrintStream out, boolean interactive, Duration plainInterval) {
        this(task, total, unit, out, interactive, plainInterval, 0);
    }

    public Progress(String task, long total, String unit, PrintStream out, boolean interactive,
                    Duration plainInterval, long start) {
        this(task, total, unit, out, interactive, plainInterval, start, System::nanoTime);
    }

    /** @param clock nanoseconds (System::nanoTime) that space the plain lines; a test passes one it advances itself */
    public Progress(String task, long total, String unit, PrintStream out, boolean interactive,
                    Duration plainInterval, long start, LongSupplier clock) {
        if (total < 0) {
            throw new IllegalArgumentException("progress total " + total + " is negative; pass the unit count");
        }
        this.throttle = interactive ? null : new Throttle(out, plainInterval, clock);
        ProgressBarConsumer consumer = interactive ? new ConsoleProgressBarConsumer(out) : plain(throttle);
        ProgressBarBuilder b = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .startsFrom(start, Duration.ZERO)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setConsumer(consumer)
                .setStyle(interactive ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(interactive ? 1000
                        : (int) Math.max(100, Math.min(1000, plainInterval.toMillis())));
        this.bar = b.build();
    }

    private static ProgressBarConsumer plain(Throttle throttle) {
        return new DelegatingProgressBarConsumer(throttle, PLAIN_WIDTH) {
            @Override
            public void close() {
                throttle.flushPending(); // the bar renders its final state just before closing the consumer
            }
        };
    }

    /** Advances by n units; a non-null message replaces the text shown after the bar (e.g. current losses). */
    public void step(long n, String extraMessage) {
        if (extraMessage != null) {
            bar.setExtraMessage(" " + extraMessage); // the renderer glues it to the rate otherwise
        }
        bar.stepBy(n);
    }

    public void step(long n) {
        step(n, null);
    }

    /** Renders the current state now instead of at the next update interval (plain lines still obey theirs). */
    public void refresh() {
        bar.refresh();
    }

    /** Jumps to an absolute count, e.g. when a resumed run starts part way. */
    public void stepTo(long current) {
        bar.stepTo(current);
    }

    public long current() {
        return bar.getCurrent();
    }

    /** Renders the final state (always printed, even in plain mode) and stops the refresh thread. */
    @Override
    public void close() {
        bar.close();
        // progressbar 0.10.1 closes its consumer only when its first scheduled render has already run: a bar closed
        // before that (a short job on a loaded machine) renders the final state but never flushes it. Flush it here;
        // flushing twice prints nothing more.
        if (throttle != null) throttle.flushPending();
    }

    /** Passes on at most one rendered line per interval; the latest unprinted one is printed at close. */
    private static final class Throttle implements Consumer<String> {
        private final PrintStream out;
        private final long intervalNanos;
        private final LongSupplier clock;
        private long lastPrinted;
        private boolean printedAny;
        private String pending;
        private String lastLine;
        private long lastCount = -1;

        Throttle(PrintStream out, Duration interval, LongSupplier clock) {
            this.out = out;
            this.intervalNanos = interval.toNanos();
            this.clock = clock;
        }

        @Override
        public synchronized void accept(String rendered) {
            String line = rendered.replace("\r", "").stripTrailing();
            if (line.equals(lastLine)) {
                return; // a stalled job would otherwise repeat the same line every interval
            }
            // The bar renders on its scheduler thread as well as on refresh(), so a render of an older state could
            // arrive after a newer one. Progress only grows: a line counting less is stale.
            long count = count(line);
            if (count < lastCount) {
                return;
            }
            lastCount = count;
            long now = clock.getAsLong();
            if (!printedAny || now - lastPrinted >= intervalNanos) {
                out.println(line);
                out.flush();
                lastLine = line;
                lastPrinted = now;
                printedAny = true;
                pending = null;
            } else {
                pending = line;
            }
        }

        /** The "done/total" count a rendered line shows, or -1 when it shows none. */
        private static long count(String line) {
            Matcher m = COUNT.matcher(line);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }

        private static final Pattern COUNT = Pattern.compile("(\\d+)/\\d+");

        /** Called by the consumer on close; flushing the last state gives logs the final count and time. */
        synchronized void flushPending() {
            if (pending != null && !pending.equals(lastLine)) {
                out.println(pending);
                out.flush();
                lastLine = pending;
                pending = null;
            }
        }
    }
}
