package io.stylegan4j.data;

/** A dataset problem the user can fix (bad file, wrong size, missing path); the message is one line saying what and how. */
public class DataException extends RuntimeException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
