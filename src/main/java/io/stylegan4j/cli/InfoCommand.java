package io.stylegan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stylegan4j.checkpoint.ModelFile;
import io.stylegan4j.checkpoint.V1ModelFile;
import io.stylegan4j.interop.Checkpoints;
import io.stylegan4j.interop.ForeignCheckpoint;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.Generator;
import io.stylegan4j.model.ImageGenerator;
import io.stylegan4j.model.v1.ProgressiveGenerator;
import io.stylegan4j.nn.Module;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "info", mixinStandardHelpOptions = true, description = "Print a model file's config, provenance and parameter counts by part.")
final class InfoCommand implements Callable<Integer> {
    @Option(names = "--network", required = true, description = "native model file, or a foreign checkpoint (.pkl, .pt): shown as read, before building anything")
    Path network;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        Device dev = engine.open();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (Checkpoints.isForeign(network)) {
            printForeign(Checkpoints.read(network), json);
            return 0;
        }
        if (V1ModelFile.isV1(network)) return v1(dev, json);
        ModelFile.Contents c = ModelFile.read(network);
        System.out.println("family: " + ModelFile.STYLEGAN2);
        System.out.println("G config: " + json.writeValueAsString(c.gConfig()));
        if (c.dConfig() != null) System.out.println("D config: " + json.writeValueAsString(c.dConfig()));
        if (c.provenance() != null) System.out.println("provenance: " + json.writeValueAsString(c.provenance()));
        Generator g = ModelFile.loadGenerator(network, dev);
        System.out.println("num_ws: " + g.numWs());
        printCounts("G", g);
        if (c.hasD()) printCounts("D", ModelFile.loadDiscriminator(network, dev));
        return 0;
    }

    /** What a foreign checkpoint holds, from the parsed file alone: nothing is built or run. */
    private static void printForeign(ForeignCheckpoint c, ObjectMapper json) throws Exception {
        System.out.println("format: " + c.format());
        System.out.println("G config: " + json.writeValueAsString(c.gConfig()));
        if (c.dConfig() != null) System.out.println("D config: " + json.writeValueAsString(c.dConfig()));
        for (var e : c.about().entrySet()) System.out.println(e.getKey() + ": " + json.writeValueAsString(e.getValue()));
        printCounts("G_ema", c.gEma());
        if (c.hasG()) printCounts("G", c.g());
        if (c.hasD()) printCounts("D", c.d());
    }

    private static void printCounts(String what, Map<String, io.stylegan4j.interop.TensorData> tensors) {
        Map<String, Long> parts = new TreeMap<>();
        long total = 0;
        for (var e : tensors.entrySet()) {
            parts.merge(part(e.getKey()), e.getValue().numel(), Long::sum);
            total += e.getValue().numel();
        }
        System.out.printf("%s: %,d values in %d tensors%n", what, total, tensors.size());
        parts.forEach((k, v) -> System.out.printf("  %-24s %,12d%n", k, v));
    }

    /** A StyleGAN v1 / ProGAN model: its family, configs, provenance, stored lod and parameters by TF scope. */
    private int v1(Device dev, ObjectMapper json) throws Exception {
        V1ModelFile.Contents c = V1ModelFile.read(network);
        System.out.println("family: " + c.family());
        System.out.println("G config: " + json.writeValueAsString(c.gConfig()));
        if (c.dConfig() != null) System.out.println("D config: " + json.writeValueAsString(c.dConfig()));
        if (c.provenance() != null) System.out.println("provenance: " + json.writeValueAsString(c.provenance()));
        ProgressiveGenerator g = V1ModelFile.loadGenerator(network, dev);
        System.out.printf("lod: %s (renders at %d px, upscaled to %d)%n", g.lod(), g.resolution() >> (int) Math.floor(g.lod()), g.resolution());
        System.out.println("num_ws: " + g.numWs());
        printCounts("G", g.module());
        if (c.hasD()) printCounts("D", V1ModelFile.loadDiscriminator(network, dev));
        return 0;
    }

    private static void printCounts(String what, Module m) {
        Map<String, Long> parts = new TreeMap<>();
        m.parameters().forEach((k, v) -> parts.merge(part(k), v.numel(), Long::sum));
        System.out.printf("%s: %,d parameters%n", what, m.parameterCount());
        parts.forEach((k, v) -> System.out.printf("  %-24s %,12d%n", k, v));
    }

    /**
     * "synthesis.b16.conv0.weight" -> "synthesis.b16"; "mapping.fc0.bias" -> "mapping"; "b4.fc.weight" -> "b4"; TF names
     * by their first two scopes: "G_synthesis/8x8/Conv1/weight" -> "G_synthesis/8x8", "G_mapping/Dense0/bias" -> "G_mapping".
     */
    static String part(String name) {
        if (name.contains("/")) {
            String[] t = name.split("/");
            return t[0].equals("G_synthesis") && t.length > 2 ? t[0] + "/" + t[1] : t[0];
        }
        String[] s = name.split("\\.");
        if (s[0].equals("synthesis") && s.length > 1) return s[0] + "." + s[1];
        return s[0];
    }
}
