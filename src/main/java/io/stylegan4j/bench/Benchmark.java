package io.stylegan4j.bench;

import java.util.List;
import java.util.function.Consumer;

/**
 * A measurement the {@code bench} command can run: generation now, a training step later ({@code --mode train}).
 * Each returns its result lines; progress goes to {@code progress} (stderr in the CLI), never to the results.
 */
public interface Benchmark {
    /** The value of the JSON lines' {@code what} field. */
    String what();

    List<BenchResult> run(Consumer<String> progress);
}
