package io.stylegan4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.checkpoint.OfficialKwargs;
import io.stylegan4j.checkpoint.StateDicts;
import io.stylegan4j.data.Dataset;
import io.stylegan4j.data.Datasets;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.model.Generator;
import io.stylegan4j.random.NumpyRandom;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.junit.jupiter.api.Test;

/** The one-call Java entry point, the registry, and the numpy draws KID's subsets need. */
class MetricsApiTest {
    private static final Path FX = TestSupport.fixture("metrics");

    @Test
    void oneCallGivesEveryResultAndSharedFeaturesGiveTheSameNumbers() {
        Device cpu = TestSupport.cpu();
        Generator g = fixtureG(cpu);
        MetricOptions opts = MetricOptions.defaults(cpu).withNum(64L).withCacheDir(null).withProgress(false)
                .withDetectors(new DetectorFiles(FX, Map.of(DetectorFiles.Kind.INCEPTION, FX.resolve("inception-standin.pt"))));
        try (Dataset data = Datasets.open(FX.resolve("dataset.zip").toString())) {
            Map<String, Double> both = Metrics.compute(g, data, List.of("fid50k_full", "kid50k_full"), opts);
            assertEquals(List.of("fid50k_full", "kid50k_full"), List.copyOf(both.keySet()));
            // kid alone draws the same 64 images (same seed) and, after replaying the label draws, the same subsets
            Map<String, Double> kidAlone = Metrics.compute(g, data, List.of("kid50k_full"), opts);
            assertEquals(kidAlone.get("kid50k_full"), both.get("kid50k_full"), 0.0);
            assertTrue(both.get("fid50k_full") > 1, both.toString());
        }
    }

    @Test
    void registryKnowsTheOfficialNamesAndTakesNewOnes() {
        for (String n : List.of("fid50k_full", "kid50k_full", "pr50k3_full", "ppl_zfull", "ppl_wfull", "ppl_zend", "ppl_wend", "ppl2_wend",
                "fid50k", "fid10k", "fid2k_full"))
            assertTrue(MetricRegistry.isValid(n), n);
        MetricException e = assertThrows(MetricException.class, () -> MetricRegistry.parse("fid50k_full,nope"));
        assertTrue(e.getMessage().contains("unknown metric 'nope'") && e.getMessage().contains("pr50k3_full"), e.getMessage());
        MetricRegistry.register("test_constant", run -> Map.of("test_constant", 42.0));
        assertEquals(42.0, MetricRegistry.get("test_constant").compute(null).get("test_constant"));
    }

    @Test
    void numpyChoicePermutationAndRandintMatchNumpy() {
        // np.random.RandomState(123): 5 x randint(1000), choice(50, 10, replace=False), permutation(12), randint(2**31)
        NumpyRandom r = new NumpyRandom(123);
        long[] ints = new long[5];
        for (int i = 0; i < 5; i++) ints[i] = r.randint(1000);
        assertEquals(List.of(510L, 365L, 382L, 322L, 988L), java.util.Arrays.stream(ints).boxed().toList());
        assertEquals(List.of(36, 26, 48, 23, 13, 43, 44, 11, 37, 47), java.util.Arrays.stream(r.choiceWithoutReplacement(50, 10)).boxed().toList());
        assertEquals(List.of(8, 5, 1, 2, 9, 11, 7, 10, 0, 3, 6, 4), java.util.Arrays.stream(r.permutation(12)).boxed().toList());
        assertEquals(2128121018L, r.randint(1L << 31));
    }

    @Test
    void fidOfAGaussianWithItselfIsZero() {
        SafeTensors f = SafeTensors.read(FX.resolve("fid.safetensors"));
        var mu = StateDicts.tensor(f, "mu_real", TestSupport.cpu()).to(org.bytedeco.pytorch.global.torch.ScalarType.Double);
        var sigma = io.stylegan4j.ops.Tensors.fromDoubles(f.get("sigma_real").toDoubleArray(), 64, 64);
        double fid = Fid.compute(mu, sigma, mu, sigma);
        assertEquals(0, fid, 1e-12 * io.stylegan4j.ops.Tensors.item(sigma.trace()));
    }

    static Generator fixtureG(Device cpu) {
        Path dir = TestSupport.fixture("sg2-skip-resnet-32");
        try {
            Generator g = new Generator(OfficialKwargs.generator(new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("config.json").toFile())
                    .path("G_kwargs")), cpu);
            g.load(StateDicts.read(SafeTensors.read(dir.resolve("G.safetensors")), "", cpu), "G.safetensors");
            return g;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
