package io.stylegan4j.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the checkpoint formats of the StyleGAN ecosystem, told apart by their first bytes: a pickle (NVlabs network
 * pickles, TF1 pickles), a torch zip or a legacy torch.save() (rosinality). Files are parsed, never executed.
 */
public final class Checkpoints {
    private Checkpoints() {}

    /** Whether {@code file} is one of the foreign formats (not a safetensors file), judging by its first bytes. */
    public static boolean isForeign(Path file) {
        if (!Files.isRegularFile(file)) return false;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(9);
            if (looksLikeSafeTensors(head)) return false;
            return TorchZip.looksLike(head) || looksLikePickle(head);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A safetensors file opens with its header length (u64 little-endian) and then the JSON header's '{'. Checked first
     * because that length's low byte can be 0x80, the pickle marker: a header of 0x2980 bytes once read as "pickle
     * protocol 41".
     */
    static boolean looksLikeSafeTensors(byte[] head) {
        if (head.length < 9 || head[8] != '{') return false;
        for (int i = 6; i < 8; i++) if (head[i] != 0) return false; // headers are far below 2^48 bytes
        return true;
    }

    /** PROTO opcode (0x80) with a protocol the unpickler reads (2 to 5). */
    static boolean looksLikePickle(byte[] head) {
        return head.length > 1 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5;
    }

    public static ForeignCheckpoint read(Path file) {
        String source = file.toString();
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        } catch (IOException e) {
            throw new InteropException(source + ": cannot read (" + e.getMessage() + ")");
        }
        if (TorchZip.looksLike(head)) return fromTorchSave(TorchZip.read(file, source), source);
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError e) {
            throw new InteropException(source + ": cannot read (" + e.getMessage() + ")");
        }
        return fromBytes(data, source);
    }

    /** A pickle or legacy torch.save() held in memory (the zip format needs a file). */
    static ForeignCheckpoint fromBytes(byte[] data, String source) {
        if (!looksLikePickle(data))
            throw new InteropException(source + ": not a pickle, torch checkpoint or safetensors file");
        if (LegacyStorage.looksLike(data)) return fromTorchSave(LegacyStorage.read(data, source), source);
        PickleInput in = new PickleInput(data);
        Object root = SafeUnpickler.load(in, Allowlist.CHECKPOINTS, null, source);
        if (NvlabsPickle.looksLike(root)) return typed(() -> NvlabsPickle.convert((Map<?, ?>) root, source), source);
        if (TfPickle.looksLike(root)) return typed(() -> TfPickle.convert((Object[]) root, source), source);
        throw new InteropException(source + ": the pickle holds " + describe(root) + ", not a network (expected an NVlabs snapshot"
                + " {G, D, G_ema, ...} or a TF1 tuple (G, D, Gs))");
    }

    private static ForeignCheckpoint fromTorchSave(Object root, String source) {
        if (Rosinality.looksLike(root)) return typed(() -> Rosinality.convert((Map<?, ?>) root, source), source);
        throw new InteropException(source + ": the torch checkpoint holds " + describe(root) + ", not a rosinality checkpoint"
                + " (expected the keys g_ema [, latent_avg] or g, d, g_ema, ...)");
    }

    /** The configs' own checks (official kwargs, resolutions) say IllegalArgumentException; name the file and type it. */
    private static ForeignCheckpoint typed(java.util.function.Supplier<ForeignCheckpoint> convert, String source) {
        try {
            return convert.get();
        } catch (InteropException e) {
            throw e;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InteropException(source + ": " + e.getMessage(), e);
        }
    }

    private static String describe(Object root) {
        if (root instanceof Map<?, ?> m) return "a dict with keys " + m.keySet();
        if (root instanceof Object[] t) return "a tuple of " + t.length;
        return "a " + PyValues.typeName(root);
    }
}
