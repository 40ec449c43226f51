package io.stylegan4j.metrics.ls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.checkpoint.StateDicts;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.io.SafeTensorsWriter;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.DiscriminatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * An auxiliary binary classifier (StyleGAN section 4.2): a discriminator-shaped network whose one logit l says
 * whether an image has an attribute. As in the official metric, its two-way prediction is softmax([l, -l]), so the
 * attribute is present when l > 0 and the confidence is sigmoid(2|l|).
 *
 * <p>Saved as safetensors: the weights under {@code D.*} (the discriminator's official names) and, in the header,
 * the attribute, the network config, its held-out accuracy and the provenance, like a model file. Owns its network's
 * native memory ({@link #close}).
 */
public final class AttributeClassifier implements AutoCloseable {
    public static final String FORMAT = "stylegan4j-classifier";
    public static final String VERSION = "1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Held-out accuracy of a trained classifier, with the accuracy of always answering the commoner label. */
    public record Accuracy(double accuracy, double baseRate, int images) {}

    public final String name;
    public final String meaning;
    public final Discriminator net;
    private final Accuracy heldOut;

    public AttributeClassifier(String name, String meaning, Discriminator net, Accuracy heldOut) {
        if (net.cfg.cDim() != 0) throw new IllegalArgumentException("an attribute classifier is unconditional (c_dim 0)");
        this.name = name;
        this.meaning = meaning;
        this.net = net;
        this.heldOut = heldOut;
    }

    /** Images [N, C, H, W] in [-1, 1] at the classifier's resolution -> logits [N]. */
    public Tensor logits(Tensor images) {
        return net.forward(images).reshape(-1);
    }

    /** Held-out accuracy (null when unknown, e.g. not trained yet). */
    public Accuracy heldOut() {
        return heldOut;
    }

    public int resolution() {
        return net.cfg.imgResolution();
    }

    public int channels() {
        return net.cfg.imgChannels();
    }

    /** Frees the network's weights. */
    @Override
    public void close() {
        net.close();
    }

    /** The file name under which {@link #loadAll} finds it. */
    public static String fileName(String attribute) {
        return "classifier-" + attribute + ".safetensors";
    }

    public void save(Path path, ModelFile.Provenance provenance) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", VERSION);
        meta.put("attribute", name);
        meta.put("meaning", meaning);
        try {
            meta.put("D_config", JSON.writeValueAsString(net.cfg));
            if (heldOut != null) meta.put("held_out", JSON.writeValueAsString(heldOut));
            meta.put("provenance", JSON.writeValueAsString(provenance));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the classifier header", e);
        }
        SafeTensorsWriter w = SafeTensors.writer().metadata(meta);
        StateDicts.put(w, "D.", net.fullStateDict());
        w.write(path);
    }

    public static AttributeClassifier load(Path path, Device device) {
        SafeTensors st = SafeTensors.read(path);
        Map<String, String> meta = st.metadata();
        if (!FORMAT.equals(meta.get("format")))
            throw new IllegalArgumentException(path + " is not an attribute classifier (no '" + FORMAT + "' header); train one with"
                    + " 'stylegan4j train-classifier'");
        DiscriminatorConfig cfg;
        Accuracy acc;
        try {
            cfg = JSON.readValue(meta.get("D_config"), DiscriminatorConfig.class);
            acc = meta.containsKey("held_out") ? JSON.readValue(meta.get("held_out"), Accuracy.class) : null;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": the classifier header is invalid (" + String.valueOf(e.getMessage()).split("\n")[0] + ")");
        }
        Discriminator d = new Discriminator(cfg, device);
        try {
            d.load(StateDicts.read(st, "D.", device), path + " (D.*)");
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return new AttributeClassifier(meta.get("attribute"), meta.getOrDefault("meaning", ""), d, acc);
    }

    /** Every {@code classifier-*.safetensors} in {@code dir}, by name; none is an error saying how to make them. */
    public static List<AttributeClassifier> loadAll(Path dir, Device device) {
        if (!Files.isDirectory(dir))
            throw new IllegalArgumentException("--classifiers " + dir + ": no such folder; train classifiers with"
                    + " 'stylegan4j train-classifier --data D --outdir " + dir + "'");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("classifier-.+\\.safetensors")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty())
            throw new IllegalArgumentException("--classifiers " + dir + ": no classifier-*.safetensors in it; train them with"
                    + " 'stylegan4j train-classifier --data D --outdir " + dir + "'");
        List<AttributeClassifier> out = new ArrayList<>();
        try {
            for (Path f : files) out.add(load(f, device));
        } catch (RuntimeException e) {
            out.forEach(AttributeClassifier::close);
            throw e;
        }
        return out;
    }
}
