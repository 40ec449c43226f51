package io.stylegan4j.metrics;

/** A metric problem the user can fix (missing detector, unknown metric, mismatched data); the message is one line. */
public class MetricException extends RuntimeException {
    public MetricException(String message) {
        super(message);
    }
}
