package io.stylegan4j.io;

import java.io.IOException;

/** A consumer that may throw {@link IOException}; lets writers be passed as lambdas to {@link AtomicFiles}. */
@FunctionalInterface
public interface IOConsumer<T> {
    void accept(T value) throws IOException;
}
