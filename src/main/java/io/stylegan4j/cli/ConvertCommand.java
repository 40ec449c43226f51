package io.stylegan4j.cli;

import io.stylegan4j.io.OfficialImport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Import official weights (official state-dict names + constructor kwargs) into a native model file.")
final class ConvertCommand implements Callable<Integer> {
    @Option(names = "--source", required = true, description = "folder with config.json (G_kwargs, D_kwargs), G.safetensors, optional D.safetensors")
    Path source;

    @Option(names = "--dest", required = true, description = "native model file to write (.safetensors)")
    Path dest;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        OfficialImport.Result r = OfficialImport.convert(source, dest, engine.open());
        System.out.printf("convert: wrote %s (G %,d parameters%s)%n", dest, r.g().parameterCount(),
                r.d() != null ? String.format(", D %,d parameters", r.d().parameterCount()) : ", no D");
        return 0;
    }
}
