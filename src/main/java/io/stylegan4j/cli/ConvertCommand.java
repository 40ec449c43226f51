package io.stylegan4j.cli;

import io.stylegan4j.checkpoint.OfficialImport;
import io.stylegan4j.checkpoint.OfficialV1Import;
import io.stylegan4j.interop.Checkpoints;
import io.stylegan4j.interop.ForeignCheckpoint;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Import a model into a native model file: an NVlabs network pickle (stylegan2-ada-pytorch, stylegan3's StyleGAN2),"
                + " a TF1 StyleGAN2 pickle, a rosinality .pt checkpoint, or a folder of official weights (config.json + G.safetensors).",
                "Pickles are parsed against an allowlist of classes and their embedded code is never run; still, only convert files you trust."})
final class ConvertCommand implements Callable<Integer> {
    @Option(names = "--source", required = true, description = "a .pkl/.pt checkpoint, or a folder with config.json (G_kwargs, D_kwargs;"
            + " or tf_G_kwargs, tf_D_kwargs for StyleGAN v1 / ProGAN TF variables), G.safetensors, optional D.safetensors")
    Path source;

    @Option(names = "--dest", required = true, description = "native model file to write (.safetensors)")
    Path dest;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        if (Checkpoints.isForeign(source)) {
            ForeignCheckpoint c = Checkpoints.read(source);
            c.writeNative(dest, engine.open());
            System.out.printf("convert: wrote %s from %s (G_ema%s%s)%n", dest, c.format(), c.hasG() ? ", G" : "", c.hasD() ? ", D" : "");
            return 0;
        }
        if (OfficialV1Import.isV1Folder(source)) {
            OfficialV1Import.Result v = OfficialV1Import.convert(source, dest, engine.open());
            System.out.printf("convert: wrote %s (%s G %,d parameters%s)%n", dest, v.g().family(), v.g().module().parameterCount(),
                    v.d() != null ? String.format(", D %,d parameters", v.d().parameterCount()) : ", no D");
            return 0;
        }
        OfficialImport.Result r = OfficialImport.convert(source, dest, engine.open());
        System.out.printf("convert: wrote %s (G %,d parameters%s)%n", dest, r.g().parameterCount(),
                r.d() != null ? String.format(", D %,d parameters", r.d().parameterCount()) : ", no D");
        return 0;
    }
}
