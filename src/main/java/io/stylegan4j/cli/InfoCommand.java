package io.stylegan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stylegan4j.io.ModelFile;
import io.stylegan4j.model.Discriminator;
import io.stylegan4j.model.Generator;
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
    @Option(names = "--network", required = true, description = "native model file")
    Path network;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        Device dev = engine.open();
        ModelFile.Contents c = ModelFile.read(network);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        System.out.println("G config: " + json.writeValueAsString(c.gConfig()));
        if (c.dConfig() != null) System.out.println("D config: " + json.writeValueAsString(c.dConfig()));
        if (c.provenance() != null) System.out.println("provenance: " + json.writeValueAsString(c.provenance()));
        Generator g = ModelFile.loadGenerator(network, dev);
        System.out.println("num_ws: " + g.numWs());
        printCounts("G", g);
        if (c.hasD()) printCounts("D", ModelFile.loadDiscriminator(network, dev));
        return 0;
    }

    private static void printCounts(String what, Module m) {
        Map<String, Long> parts = new TreeMap<>();
        m.parameters().forEach((k, v) -> parts.merge(part(k), v.numel(), Long::sum));
        System.out.printf("%s: %,d parameters%n", what, m.parameterCount());
        parts.forEach((k, v) -> System.out.printf("  %-24s %,12d%n", k, v));
    }

    /** "synthesis.b16.conv0.weight" -> "synthesis.b16"; "mapping.fc0.bias" -> "mapping"; "b4.fc.weight" -> "b4". */
    static String part(String name) {
        String[] s = name.split("\\.");
        if (s[0].equals("synthesis") && s.length > 1) return s[0] + "." + s[1];
        return s[0];
    }
}
