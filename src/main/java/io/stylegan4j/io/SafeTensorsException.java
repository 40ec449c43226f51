package io.stylegan4j.io;

/** A safetensors file is malformed, or a request to read or write one cannot be met. */
public class SafeTensorsException extends RuntimeException {
    public SafeTensorsException(String message) {
        super(message);
    }

    public SafeTensorsException(String message, Throwable cause) {
        super(message, cause);
    }
}
