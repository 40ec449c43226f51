package io.stylegan4j.distributed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylegan4j.io.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What must be equal on every rank for their work to agree: the resolved options, how the work is split, the version,
 * and the bytecode of the classes that compute it (a rank built from other sources fails the check even when the
 * version string is the same development marker). Compared through the rendezvous store before any collective.
 */
public final class Fingerprint {
    private Fingerprint() {}

    /** SHA-256 (hex) of {@code options} as JSON, {@code split}, the version and {@code code}'s class files. */
    public static String of(Object options, String split, List<Class<?>> code) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(new ObjectMapper().writeValueAsBytes(options));
            md.update((split + " version " + Version.get()).getBytes(StandardCharsets.UTF_8));
            for (Class<?> c : code) md.update(bytecode(c));
            return HexFormat.of().formatHex(md.digest());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the training options: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytecode(Class<?> c) {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
