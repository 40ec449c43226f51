package io.stylegan4j.cli;

import io.stylegan4j.parity.Check;
import io.stylegan4j.parity.FixtureFolder;
import io.stylegan4j.parity.Parity;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "parity", mixinStandardHelpOptions = true,
        description = "Recompute every tensor of an official fixture folder and print each error; exit 1 if any exceeds its tolerance.")
final class ParityCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "fixture folder (config.json, G/D/io/ops/grads.safetensors)")
    Path dir;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        List<Check> checks = Parity.run(new FixtureFolder(dir, engine.open()));
        System.out.printf("%-52s %-8s %12s %12s %12s%n", "tensor", "kind", "max abs", "max rel", "result");
        int failed = 0;
        for (Check c : checks) {
            if (!c.passed()) failed++;
            System.out.printf("%-52s %-8s %12.3e %12.3e %12s%n", c.name(), c.kind().name().toLowerCase(java.util.Locale.ROOT),
                    c.maxAbs(), c.maxRel(), c.passed() ? "ok" : "FAIL");
        }
        double worst = checks.stream().mapToDouble(Check::maxRel).max().orElse(0);
        System.out.printf("parity: %d passed, %d failed (worst relative error %.2e)%n", checks.size() - failed, failed, worst);
        return failed == 0 ? 0 : 1;
    }
}
