package io.stylegan4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.parity.Check;
import io.stylegan4j.parity.FixtureFolder;
import io.stylegan4j.parity.MetricsParity;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every stage of ../shared/fixtures/metrics within its README's tolerances (MetricsParity does the recomputing). */
class MetricsFixtureTest {
    private static List<Check> checks;

    @BeforeAll
    static void run() {
        long t0 = System.nanoTime();
        checks = MetricsParity.run(new FixtureFolder(TestSupport.fixture("metrics"), TestSupport.cpu()));
        System.out.printf("metrics fixture: %d checks in %.1f s%n", checks.size(), (System.nanoTime() - t0) / 1e9);
        if (System.getenv("METRICS_VERBOSE") != null)
            checks.forEach(c -> System.out.printf("%-50s %10.3e %10.3e %s%n", c.name(), c.maxAbs(), c.maxRel(), c.passed()));
    }

    @Test
    void everyStagePasses() {
        String failed = checks.stream().filter(c -> !c.passed())
                .map(c -> c.name() + " max abs " + c.maxAbs() + " of scale " + c.scale()).collect(Collectors.joining("\n"));
        assertEquals("", failed);
    }

    @Test
    void coversEveryStage() {
        for (String stage : List.of("detectors/", "generator/images", "fid/real_features", "fid/fid end to end", "kid/gen_subset_idx",
                "kid/kid end to end", "pr/kth_real", "pr/pred_recall", "pr/precision,recall end to end", "ppl2_wend/dist", "ppl_zfull/lpips_batch0",
                "zend/img_batch0", "ppl2_zend/ppl end to end"))
            assertTrue(checks.stream().anyMatch(c -> c.name().startsWith(stage)), "no check for " + stage);
        assertEquals(13, checks.stream().filter(c -> c.name().startsWith("detectors/")).count());
    }
}
