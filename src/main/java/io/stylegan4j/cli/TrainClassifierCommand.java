package io.stylegan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.data.Dataset;
import io.stylegan4j.data.Datasets;
import io.stylegan4j.io.JsonLines;
import io.stylegan4j.metrics.ls.Attribute;
import io.stylegan4j.metrics.ls.AttributeClassifier;
import io.stylegan4j.metrics.ls.Attributes;
import io.stylegan4j.metrics.ls.ClassifierConfig;
import io.stylegan4j.metrics.ls.ClassifierTraining;
import io.stylegan4j.report.Plots;
import io.stylegan4j.report.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The auxiliary classifiers of linear separability: one per binary attribute of the dataset's labels. */
@Command(name = "train-classifier", mixinStandardHelpOptions = true,
        description = "Train the auxiliary attribute classifiers that linear separability (ls) needs: one per class of a labelled"
                + " dataset (one versus the rest), or one per factor of the built-in shapes.")
final class TrainClassifierCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "labelled dataset: a ZIP or folder with dataset.json, or builtin[:32|64]")
    String data;

    @Option(names = "--outdir", required = true, description = "where to write classifier-<attribute>.safetensors, stats.jsonl, curves.png")
    Path outdir;

    @Option(names = "--attributes", split = ",", description = "train only these (default: all the dataset has)")
    List<String> attributes;

    @Option(names = "--kimg", defaultValue = "4", description = "training length per classifier, thousands of images (default ${DEFAULT-VALUE})")
    double kimg;

    @Option(names = "--batch", defaultValue = "32", description = "minibatch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--seed", defaultValue = "0", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        Device dev = engine.open();
        try (Dataset ds = Datasets.open(data)) {
            List<Attribute> attrs = Attributes.select(Attributes.of(ds), attributes);
            ClassifierConfig cfg = ClassifierConfig.of(ds.resolution(), ds.channels()).withKimg(kimg).withBatch(batch).withSeed(seed);
            Sampling.outdir(outdir);
            System.out.printf("train-classifier: %s; %d classifiers (%s), %.1f kimg each%n", ds.description(), attrs.size(),
                    String.join(", ", attrs.stream().map(Attribute::name).toList()), cfg.kimg());
            long perClassifier = Math.max(1, Math.round(cfg.kimg() * 1000 / cfg.batch())) * cfg.batch();
            List<Map<String, Object>> records = new ArrayList<>();
            List<String> rows = new ArrayList<>();
            try (JsonLines stats = JsonLines.append(outdir.resolve("stats.jsonl"));
                 Progress bar = new Progress("train-classifier", perClassifier * attrs.size(), "img")) {
                for (Attribute a : attrs) {
                    ClassifierTraining.Result r = ClassifierTraining.train(ds, a, cfg, dev, new Ticks(a.name(), perClassifier, bar, stats, records));
                    AttributeClassifier.Accuracy acc = r.classifier().heldOut();
                    try (AttributeClassifier trained = r.classifier()) {
                        trained.save(outdir.resolve(AttributeClassifier.fileName(a.name())),
                                ModelFile.Provenance.now(data, ds.identity(), perClassifier, provenanceOptions(cfg, a)));
                    }
                    Map<String, Object> done = new LinkedHashMap<>();
                    done.put("attribute", a.name());
                    done.put("held_out_accuracy", acc.accuracy());
                    done.put("held_out_base_rate", acc.baseRate());
                    done.put("held_out_images", acc.images());
                    done.put("loss_first_tenth", r.firstLoss());
                    done.put("loss_last_tenth", r.lastLoss());
                    done.put("timestamp", System.currentTimeMillis() / 1000.0);
                    stats.write(done);
                    rows.add(String.format("  %-10s held-out accuracy %.3f (base rate %.3f, %d images); loss %.3f -> %.3f", a.name(),
                            acc.accuracy(), acc.baseRate(), acc.images(), r.firstLoss(), r.lastLoss()));
                    Plots.write(outdir.resolve("curves.png"), records, attrs.stream().map(x -> "Loss/" + x.name()).toList(), "kimg");
                }
            }
            rows.forEach(System.out::println);
            System.out.println("train-classifier: wrote " + attrs.size() + " classifiers to " + outdir);
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> provenanceOptions(ClassifierConfig cfg, Attribute a) {
        Map<String, Object> m = new LinkedHashMap<>(new ObjectMapper().convertValue(cfg, Map.class));
        m.put("attribute", a.name());
        m.put("meaning", a.meaning());
        return m;
    }

    /** Advances the bar every minibatch; logs the mean loss and accuracy of each twentieth of a classifier's training. */
    private static final class Ticks implements ClassifierTraining.Listener {
        private final String name;
        private final long total, every;
        private final Progress bar;
        private final JsonLines stats;
        private final List<Map<String, Object>> records;
        private long last, next;
        private double loss, acc;
        private int steps;

        Ticks(String name, long total, Progress bar, JsonLines stats, List<Map<String, Object>> records) {
            this.name = name;
            this.total = total;
            this.every = Math.max(1, total / 20);
            this.next = every;
            this.bar = bar;
            this.stats = stats;
            this.records = records;
        }

        @Override
        public void step(long images, double l, double a) {
            bar.step(images - last, String.format("%s loss %.3f", name, l));
            last = images;
            loss += l;
            acc += a;
            steps++;
            if (images < next && images < total) return;
            while (next <= images) next += every;
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("attribute", name);
            rec.put("kimg", images / 1000.0);
            rec.put("Loss/" + name, loss / steps);
            rec.put("Accuracy/" + name, acc / steps);
            rec.put("timestamp", System.currentTimeMillis() / 1000.0);
            stats.write(rec);
            records.add(rec);
            loss = acc = steps = 0;
        }
    }
}
