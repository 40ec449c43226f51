package io.stylegan4j.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.io.SafeTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every tensor of the StyleGAN v1 and ProGAN fixtures, recomputed: images at three lods, D, R1 and WGAN-GP. */
class V1ParityTest {
    private static List<Check> run(String folder) {
        return Parity.run(new FixtureFolder(TestSupport.fixture(folder), TestSupport.cpu()));
    }

    private static Stream<DynamicTest> tests(String folder) {
        List<Check> checks = run(folder);
        // Every tensor of io.safetensors is checked, except the inputs (z, z2, x, mixing factors, the mixing mask).
        SafeTensors io = SafeTensors.read(TestSupport.fixture(folder).resolve("io.safetensors"));
        List<String> inputs = List.of("z", "z2", "x", "wgan_mixing_factors", "mix_from_z2", "wgan_fakes");
        long outputs = io.names().stream().filter(n -> !inputs.contains(n)).count();
        Stream<DynamicTest> coverage = Stream.of(DynamicTest.dynamicTest("covers every output of " + folder,
                () -> assertEquals(outputs + 1, checks.size(), "checks (outputs + the names.json layout check)")));
        return Stream.concat(coverage, checks.stream().map(c -> DynamicTest.dynamicTest(folder + " " + c.name(),
                () -> assertTrue(c.passed(), c.name() + ": max abs " + c.maxAbs() + ", relative to scale " + c.maxRel()))));
    }

    @TestFactory
    Stream<DynamicTest> styleGanV1() {
        return tests("sg1-32");
    }

    @TestFactory
    Stream<DynamicTest> proGan() {
        return tests("progan-16");
    }

    @Test
    void aFolderOfUnknownLayoutIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"fixture\": \"x\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Parity.run(new FixtureFolder(dir, TestSupport.cpu())));
        assertTrue(e.getMessage().contains("unknown layout"), e.getMessage());
    }
}
