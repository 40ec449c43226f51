package io.stylegan4j.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.ops.BiasAct;
import io.stylegan4j.ops.Conv2dResample;
import io.stylegan4j.ops.Upfirdn2d;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every tensor of the official fixture, recomputed: ops, networks, R1 and path length with second-order gradients. */
class ParityTest {
    private static List<Check> run() {
        return Parity.run(new FixtureFolder(TestSupport.fixture("sg2-skip-resnet-32"), TestSupport.cpu()));
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureTensorMatches() {
        List<Check> checks = run();
        return checks.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> assertTrue(c.passed(),
                c.name() + ": max abs " + c.maxAbs() + ", max rel " + c.maxRel())));
    }

    @Test
    void coversTheWholeFixture() {
        List<Check> checks = run();


        long r1 = checks.stream().filter(c -> c.name().startsWith("r1_param_grad/")).count();
        long pl = checks.stream().filter(c -> c.name().startsWith("pl_param_grad/")).count();
        long dParams = ModelParity.loadD(new FixtureFolder(TestSupport.fixture("sg2-skip-resnet-32"), TestSupport.cpu())).parameters().size();
        long gParams = ModelParity.loadG(new FixtureFolder(TestSupport.fixture("sg2-skip-resnet-32"), TestSupport.cpu())).parameters().size();
        assertEquals(dParams, r1, "one R1 second-order check per D parameter");
        assertEquals(gParams, pl, "one path-length second-order check per G parameter");
        assertTrue(checks.stream().anyMatch(c -> c.name().equals("pl_loss_param_grad/mapping.fc0.weight")));
    }

    @TestFactory
    Stream<DynamicTest> referenceOpsMatchToo() {
        Upfirdn2d.useReference = true;
        Conv2dResample.useReference = true;
        BiasAct.useReference = true;
        try {
            List<Check> checks = run();
            return checks.stream().map(c -> DynamicTest.dynamicTest("ref " + c.name(), () -> assertTrue(c.passed(),
                    c.name() + ": max abs " + c.maxAbs())));
        } finally {
            reset();
        }
    }

    @AfterEach
    void reset() {
        Upfirdn2d.useReference = false;
        Conv2dResample.useReference = false;
        BiasAct.useReference = false;
    }

    @Test
    void aWrongValueFails() {
        Check c = Check.of("x", Check.Kind.GRADIENT, new float[] {1.0f, 2.0f}, new float[] {1.0f, 2.001f});
        assertTrue(!c.passed(), "5e-4 relative must fail the 1e-4 gradient tolerance");
    }
}
