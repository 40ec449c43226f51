package io.stylegan4j.parity;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs every check a fixture folder supports: the standalone ops (if ops.safetensors exists) and the networks, or,
 * for a metric fixture folder, every metric stage.
 */
public final class Parity {
    private Parity() {}

    public static List<Check> run(FixtureFolder fx) {
        if (MetricsParity.applies(fx)) return MetricsParity.run(fx);
        if (fx.layout() == FixtureFolder.Layout.V1) return V1Parity.run(fx);
        List<Check> out = new ArrayList<>();
        if (fx.has("ops.safetensors")) out.addAll(OpsParity.run(fx));
        out.addAll(ModelParity.run(fx));
        return out;
    }
}
