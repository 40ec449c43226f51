package io.stylegan4j.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylegan4j.augment.AdaController;
import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.checkpoint.StateDicts;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.io.SafeTensorsWriter;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.Generator;
import io.stylegan4j.ops.Tensors;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * A training snapshot is a model file (so {@code generate --network} takes it as is) plus what resuming needs:
 * both optimizers' moments, pl_mean, the counters and libtorch's RNG state. Resuming from it continues the run
 * step for step as if it had never stopped. Written atomically; the newest N are kept.
 */
public final class Checkpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PREFIX = "network-snapshot-";

    /**
     * Counters of the loop; imagesSeen is the official cur_nimg. {@code augment} is the augmentation probability and
     * ADA's partial average (null without augmentation, and in snapshots written before ADA existed).
     */
    public record State(long imagesSeen, long batchIndex, int tick, long tickStartImages, long optGSteps, long optDSteps,
                        AdaController.State augment) {
        public State(long imagesSeen, long batchIndex, int tick, long tickStartImages, long optGSteps, long optDSteps) {
            this(imagesSeen, batchIndex, tick, tickStartImages, optGSteps, optDSteps, null);
        }
    }

    private Checkpoint() {}

    public static Path fileFor(Path runDir, long imagesSeen) {
        return runDir.resolve(String.format("%s%06d.safetensors", PREFIX, imagesSeen / 1000));
    }

    public static void save(Path file, TrainingOptions opts, State st, Generator g, Discriminator d, Generator gEma,
                            Adam optG, Adam optD, Tensor plMean, ModelFile.Provenance prov) {
        Map<String, String> meta;
        try {
            meta = Map.of("training_options", JSON.writeValueAsString(opts), "training_state", JSON.writeValueAsString(st));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try (PointerScope scope = new PointerScope()) { // the snapshot's temporaries (RNG state, contiguous copies)
            write(file, g, d, gEma, optG, optD, plMean, prov, meta);
        }
    }

    private static void write(Path file, Generator g, Discriminator d, Generator gEma, Adam optG, Adam optD, Tensor plMean,
                              ModelFile.Provenance prov, Map<String, String> meta) {
        ModelFile.write(file, gEma, g, d, prov, meta, w -> {
            StateDicts.put(w, "opt_G/", optG.stateDict());
            StateDicts.put(w, "opt_D/", optD.stateDict());
            StateDicts.put(w, "", Map.of("loss/pl_mean", plMean));
            putRng(w);
        });
    }

    public record Loaded(TrainingOptions opts, State state) {}

    /** Restores networks, optimizers, pl_mean and the RNG into already-built objects of the same configuration. */
    public static Loaded restore(Path file, Generator g, Discriminator d, Generator gEma, Adam optG, Adam optD, Tensor plMean,
                                 Device dev) {
        try (PointerScope scope = new PointerScope()) { // the file's tensors are copied into the objects, then freed
            return load(file, g, d, gEma, optG, optD, plMean, dev);
        }
    }

    private static Loaded load(Path file, Generator g, Discriminator d, Generator gEma, Adam optG, Adam optD, Tensor plMean,
                               Device dev) {
        SafeTensors st = SafeTensors.read(file);
        Loaded l = readHeader(file, st);
        g.load(StateDicts.read(st, "G.", dev), file + " (G.*)");
        d.load(StateDicts.read(st, "D.", dev), file + " (D.*)");
        gEma.load(StateDicts.read(st, "G_ema.", dev), file + " (G_ema.*)");
        optG.load(StateDicts.read(st, "opt_G/", dev), l.state().optGSteps(), file.toString());
        optD.load(StateDicts.read(st, "opt_D/", dev), l.state().optDSteps(), file.toString());
        try (NoGradGuard ng = new NoGradGuard()) {
            plMean.copy_(StateDicts.tensor(st, "loss/pl_mean", dev));
        }
        restoreRng(st);
        return l;
    }

    /** libtorch's CPU generator state as {@code rng/cpu}: a resumed run draws the same latents, noise and mixing. */
    public static void putRng(SafeTensorsWriter w) {
        Tensor rng = torch.getDefaultCPUGenerator().get_state();
        byte[] bytes = new byte[(int) rng.numel()];
        rng.data_ptr_byte().get(bytes);
        w.put("rng/cpu", "U8", new long[] {bytes.length}, bytes);
    }

    public static void restoreRng(SafeTensors st) {
        byte[] rng = toBytes(st.get("rng/cpu"));
        try (BytePointer p = new BytePointer(rng)) {
            torch.getDefaultCPUGenerator().set_state(torch.from_blob(p, new long[] {rng.length},
                    new TensorOptions(torch.ScalarType.Byte)).clone());
        }
    }

    /**
     * Transfer learning, the official {@code --resume} of a network pickle: a new run whose G, G_ema and D start from
     * any model file's weights (optimizers, counters and pl_mean start fresh). G takes the file's {@code G.*} when it
     * has them, else its {@code G_ema.*}; a file without D (a converted generator) leaves D at its random init.
     */
    public static void initFrom(Path modelFile, Generator g, Generator gEma, Discriminator d, Device dev, PrintStream log) {
        ModelFile.Contents c = ModelFile.read(modelFile);
        SafeTensors st = c.tensors();
        boolean hasG = st.names().stream().anyMatch(n -> n.startsWith("G.")), hasEma = st.names().stream().anyMatch(n -> n.startsWith("G_ema."));
        String gPrefix = hasG ? "G." : "G_ema.", emaPrefix = hasEma ? "G_ema." : "G.";
        try (PointerScope scope = new PointerScope()) { // the file's tensors are copied into the networks, then freed
            g.load(StateDicts.read(st, gPrefix, dev), modelFile + " (" + gPrefix + "*)");
            gEma.load(StateDicts.read(st, emaPrefix, dev), modelFile + " (" + emaPrefix + "*)");
            if (c.hasD()) d.load(StateDicts.read(st, "D.", dev), modelFile + " (D.*)");
        }
        log.printf("init: G from %s%s, G_ema from %s%s, %s%n", modelFile.getFileName(), " " + gPrefix + "*", modelFile.getFileName(),
                " " + emaPrefix + "*", c.hasD() ? "D from its D.*" : "D from scratch (the file holds no discriminator)");
    }

    private static byte[] toBytes(SafeTensors.Entry e) {
        java.nio.ByteBuffer b = e.raw().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    public static Loaded readHeader(Path file, SafeTensors st) {
        Map<String, String> meta = st.metadata();
        if (!meta.containsKey("training_state"))
            throw new IllegalArgumentException(file + " is a model file without training state; --resume needs a snapshot"
                    + " written by 'stylegan4j train'");
        try {
            return new Loaded(JSON.readValue(meta.get("training_options"), TrainingOptions.class),
                    JSON.readValue(meta.get("training_state"), State.class));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": unreadable training state (" + e.getMessage().split("\n")[0] + ")");
        }
    }

    /** The newest snapshot of a run directory, or null. */
    public static Path latest(Path runDir) {
        List<Path> all = list(runDir);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /**
     * The newest snapshot of a run directory that reads back whole (its layout, its data checksum, its training state),
     * or null. Each newer one that does not (a run killed while the disk filled up, a copied file cut short) gets one
     * warning naming it, and the one before it is tried.
     */
    public static Path latestValid(Path runDir, PrintStream warn) {
        List<Path> all = list(runDir);
        for (int i = all.size() - 1; i >= 0; i--) {
            Path p = all.get(i);
            try {
                SafeTensors st = SafeTensors.read(p);
                if (ModelFile.family(st).equals(ModelFile.STYLEGAN2)) readHeader(p, st);
                else io.stylegan4j.train.progressive.ProgressiveLoop.readHeader(p, st); // a StyleGAN v1 / ProGAN run
                return p;
            } catch (RuntimeException e) {
                warn.println("warning: skipping snapshot " + p.getFileName() + ", it is not valid: " + e.getMessage());
            }
        }
        return null;
    }

    /** The snapshots of a run directory, oldest first. */
    public static List<Path> list(Path runDir) {
        if (!Files.isDirectory(runDir)) return List.of();
        try (Stream<Path> s = Files.list(runDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && p.toString().endsWith(".safetensors"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + runDir + ": " + e.getMessage());
        }
    }

    /** Deletes all but the newest {@code keep} snapshots. */
    public static void prune(Path runDir, int keep) {
        List<Path> all = list(runDir);
        for (int i = 0; i < all.size() - keep; i++) {
            try {
                Files.deleteIfExists(all.get(i));
            } catch (IOException e) {
                System.err.println("warning: could not delete old snapshot " + all.get(i) + ": " + e.getMessage());
            }
        }
    }
}
