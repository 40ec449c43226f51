package io.stylegan4j.distributed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylegan4j.io.Version;
import io.stylegan4j.train.BatchSplit;
import io.stylegan4j.train.TrainingLoop;
import io.stylegan4j.train.TrainingOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What must be equal on every rank for their steps to agree: the resolved options, the split, the version, and the
 * bytecode of the classes that compute a training step (a rank built from other sources fails the check even when the
 * version string is the same development marker). Compared through the rendezvous store before any collective.
 */
public final class Fingerprint {
    private static final List<Class<?>> CODE = List.of(TrainingLoop.class, BatchSplit.class, GlooGroup.class,
            io.stylegan4j.train.StyleGan2Loss.class, io.stylegan4j.train.Adam.class);

    private Fingerprint() {}

    public static String of(TrainingOptions o, int worldSize, int batchGpu) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(new ObjectMapper().writeValueAsBytes(o));
            md.update(("world " + worldSize + " batch-gpu " + batchGpu + " version " + Version.get()).getBytes(StandardCharsets.UTF_8));
            for (Class<?> c : CODE) md.update(bytecode(c));
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
