package io.stylegan4j.data;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Assembles training batches on a background thread so decoding overlaps the GPU step. Batch k is a pure function
 * of (dataset, seed, k): {@link #state()} saved with a checkpoint and passed back as {@code startBatch} resumes the
 * exact stream. An unreadable image is replaced by the next dataset index, warned about once, and counted; it
 * never ends the run.
 */
public final class BatchLoader implements AutoCloseable {
    private final Dataset dataset;
    private final LoaderConfig config;
    private final int sliceStart, sliceSize; // the part of every batch this loader assembles (all of it by default)
    private final SampleOrder order;
    private final Set<Integer> badIndices = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Batch> queue;
    private final ForkJoinPool workers;
    private final Thread producer;
    private volatile Throwable failure;
    private volatile boolean closed;
    private long nextBatch; // consumer side: index of the batch next() returns

    public BatchLoader(Dataset dataset, int batchSize, long seed, boolean mirror) {
        this(dataset, LoaderConfig.of(batchSize, seed, mirror), 0);
    }

    /** Starts the stream at batch {@code startBatch} (0 for a fresh run, a saved {@link #state()} to resume). */
    public BatchLoader(Dataset dataset, LoaderConfig config, long startBatch) {
        this(dataset, config, startBatch, 0, config.batchSize());
    }

    /**
     * Only images [sliceStart, sliceStart + sliceSize) of every batch: a process's shard of a batch split across
     * processes, the same images it would take from the whole batch, without decoding the others'.
     */
    public BatchLoader(Dataset dataset, LoaderConfig config, long startBatch, int sliceStart, int sliceSize) {
        if (startBatch < 0) {
            throw new IllegalArgumentException("start batch must be >= 0, got " + startBatch);
        }
        if (sliceStart < 0 || sliceSize <= 0 || sliceStart + sliceSize > config.batchSize()) {
            throw new IllegalArgumentException("slice [" + sliceStart + ", " + (sliceStart + sliceSize) + ") is outside a batch of "
                    + config.batchSize());
        }
        this.dataset = dataset;
        this.config = config;
        this.sliceStart = sliceStart;
        this.sliceSize = sliceSize;
        this.order = new SampleOrder(dataset.size(), config.seed());
        this.queue = new ArrayBlockingQueue<>(config.prefetch());
        this.workers = new ForkJoinPool(config.workers());
        this.nextBatch = startBatch;
        this.producer = new Thread(() -> produce(startBatch), "batch-loader");
        producer.setDaemon(true); // a forgotten close() must not keep the JVM alive
        producer.start();
    }

    private void produce(long start) {
        try {
            for (long k = start; !closed; k++) {
                queue.put(assemble(k));
            }
        } catch (InterruptedException e) {
            // close() interrupts us; nothing to clean up.
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** The next batch, waiting for it if the producer is behind. */
    public Batch next() {
        if (closed) {
            throw new IllegalStateException("batch loader is closed");
        }
        try {
            while (true) {
                Batch b = queue.poll(100, TimeUnit.MILLISECONDS);
                if (b != null) {
                    nextBatch = b.index() + 1;
                    return b;
                }
                Throwable t = failure;
                if (t != null) {
                    if (t instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException("batch loader failed: " + t, t);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        }
    }

    /** Index of the batch {@link #next()} will return; store it in checkpoints to resume. */
    public long state() {
        return nextBatch;
    }

    /** Distinct images found unreadable so far (each replaced by the next index). */
    public int skippedCount() {
        return badIndices.size();
    }

    /** Builds batch {@code k} directly, without the queue; deterministic and independent of what was served. */
    public Batch batchAt(long k) {
        return assemble(k);
    }

    private Batch assemble(long k) {
        int n = sliceSize;
        int bytes = dataset.imageBytes();
        byte[] pixels = new byte[n * bytes];
        int[] labels = new int[n];
        int[] used = new int[n];
        Runnable fill = () -> IntStream.range(0, n).parallel().forEach(j -> {
            long position = k * config.batchSize() + sliceStart + j;
            Loaded loaded = load(order.indexAt(position));
            int index = loaded.index();
            byte[] img = loaded.pixels();
            if (config.mirror() && order.flipAt(position)) {
                flip(img, dataset.channels() * dataset.resolution(), dataset.resolution());
            }
            System.arraycopy(img, 0, pixels, j * bytes, bytes);
            labels[j] = dataset.label(index);
            used[j] = index;
        });
        try {
            // Running inside our own pool keeps parallel() off the common pool the trainer may use.
            workers.submit(fill).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while assembling batch " + k, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("assembling batch " + k + " failed: " + cause, cause);
        }
        return new Batch(k, n, dataset.channels(), dataset.resolution(), pixels, labels, used);
    }

    /** First index at or after {@code index} (cyclically) not known to be bad. */
    private int readable(int index) {
        int i = index;
        for (int tries = 0; tries < dataset.size(); tries++) {
            if (!badIndices.contains(i)) {
                return i;
            }
            i = (i + 1) % dataset.size();
        }
        throw new DataException("every image of the dataset is unreadable: " + dataset.description());
    }

    private record Loaded(int index, byte[] pixels) {}

    /** Decodes image {@code index}, moving to the next index for each unreadable one. */
    private Loaded load(int index) {
        int i = index;
        for (int tries = 0; tries <= dataset.size(); tries++) {
            i = readable(i);
            try {
                byte[] img = dataset.image(i);
                if (img.length != dataset.imageBytes()) {
                    throw new DataException("image " + i + " has " + img.length + " bytes, expected " + dataset.imageBytes());
                }
                return new Loaded(i, img);
            } catch (RuntimeException e) {
                if (badIndices.add(i)) {
                    System.err.println("warning: skipping unreadable image " + i + ": " + e.getMessage());
                }
                i = (i + 1) % dataset.size();
            }
        }
        throw new DataException("every image of the dataset is unreadable: " + dataset.description());
    }

    /** Reverses every row in place; {@code rows} counts rows over all channels. */
    static void flip(byte[] img, int rows, int width) {
        for (int r = 0; r < rows; r++) {
            int a = r * width;
            int b = a + width - 1;
            while (a < b) {
                byte t = img[a];
                img[a++] = img[b];
                img[b--] = t;
            }
        }
    }

    /** Whether the background thread is still alive (false after {@link #close()}). */
    boolean isRunning() {
        return producer.isAlive();
    }

    /** Stops the producer thread and the decoding pool; the dataset stays open (the caller owns it). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        producer.interrupt();
        try {
            producer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        queue.clear();
    }
}
