package io.stylegan4j.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylegan4j.checkpoint.StateDicts;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.ops.Tensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * A fixture folder: config.json plus safetensors files, in one of two layouts (../shared/fixtures/README.md): StyleGAN2
 * (official PyTorch kwargs {@code G_kwargs}, state dicts, io/ops/grads) or StyleGAN v1 / ProGAN (official TF kwargs
 * {@code tf_G_kwargs}, TF variables in TF layouts, io).
 */
public final class FixtureFolder {
    private final Path dir;
    private final JsonNode config;
    private final Device device;
    private SafeTensors g, d, io, ops, grads;

    public FixtureFolder(Path dir, Device device) {
        this.dir = dir;
        this.device = device;
        Path cfg = dir.resolve("config.json");
        if (!Files.isRegularFile(cfg))
            throw new IllegalArgumentException(dir + " is not a fixture folder: config.json is missing");
        try {
            this.config = new ObjectMapper().readTree(cfg.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(cfg + ": not valid JSON (" + e.getMessage() + ")");
        }
    }

    public enum Layout { STYLEGAN2, V1 }

    /** Which layout config.json describes; a folder of any other layout is refused with one line. */
    public Layout layout() {
        if (config.has("tf_G_kwargs") && config.has("tf_D_kwargs")) return Layout.V1;
        if (config.has("G_kwargs") && config.has("D_kwargs")) return Layout.STYLEGAN2;
        throw new IllegalArgumentException(dir + " is a fixture folder of an unknown layout: its config.json has neither G_kwargs/D_kwargs"
                + " (StyleGAN2) nor tf_G_kwargs/tf_D_kwargs (StyleGAN v1, ProGAN), and it is not a metrics fixture");
    }

    public Path dir() { return dir; }
    public JsonNode config() { return config; }
    public Device device() { return device; }

    public SafeTensors g() { return g == null ? g = open("G.safetensors") : g; }
    public SafeTensors d() { return d == null ? d = open("D.safetensors") : d; }
    public SafeTensors io() { return io == null ? io = open("io.safetensors") : io; }
    public SafeTensors ops() { return ops == null ? ops = open("ops.safetensors") : ops; }
    public SafeTensors grads() { return grads == null ? grads = open("grads.safetensors") : grads; }

    /** A required integer of config.json (a JSON pointer such as {@code /ops_args/mbstd/group_size}), with a one-line error naming it. */
    public int requiredInt(String pointer, String neededFor) {
        JsonNode n = config.at(pointer);
        if (!n.isInt())
            throw new IllegalArgumentException(dir.resolve("config.json") + ": " + pointer.substring(1).replace('/', '.')
                    + (n.isMissingNode() ? " is missing" : " is not an integer") + "; " + neededFor + " needs it");
        return n.asInt();
    }

    public boolean has(String file) {
        return Files.isRegularFile(dir.resolve(file));
    }

    private SafeTensors open(String name) {
        return SafeTensors.read(dir.resolve(name));
    }

    public static Tensor tensor(SafeTensors file, String name, Device device) {
        return StateDicts.tensor(file, name, device);
    }

    public static float[] floats(SafeTensors file, String name) {
        return file.get(name).toFloatArray();
    }
}
