package io.stylegan4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylegan4j.TestSupport;
import io.stylegan4j.cli.Main;
import io.stylegan4j.model.GeneratorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark machinery on a tiny generator: result lines and their JSON, never timing values. */
class GenerateBenchmarkTest {
    private static final GeneratorConfig TINY = GeneratorConfig.of(16, 3).withLatent(32, 32).withMappingLayers(2).withChannels(256, 32);

    @Test
    void measuresEachDtypeAndComparesBf16WithF32() throws Exception {
        List<String> progress = new ArrayList<>();
        List<BenchResult> lines = new GenerateBenchmark(TINY, 2, List.of(Precision.F32, Precision.BF16), 1, 2, TestSupport.cpu(), 1)
                .run(progress::add);
        assertEquals(2, lines.size());
        assertEquals(2, progress.size(), "one progress line per dtype");
        ObjectMapper json = new ObjectMapper();
        for (BenchResult r : lines) {
            Map<?, ?> m = json.readValue(json.writeValueAsString(r.toJson()), Map.class);
            for (String k : List.of("what", "res", "batch", "dtype", "img_per_s", "ms_per_batch", "min_ms_per_batch", "reps"))
                assertTrue(m.containsKey(k), "missing " + k + " in " + m);
            assertEquals("generate", m.get("what"));
            assertEquals(16, m.get("res"));
            assertTrue(r.imgPerS() > 0);
            assertNull(r.official(), "no official figure at 16 px");
            assertTrue(!m.containsKey("ratio"));
        }
        assertEquals("f32", lines.get(0).dtype());
        assertNull(lines.get(0).psnrDb());
        assertEquals("bf16", lines.get(1).dtype());
        assertTrue(lines.get(1).psnrDb() > 30, "bf16 images should be close to f32, PSNR " + lines.get(1).psnrDb());
    }

    @Test
    void officialFiguresGiveARatio() {
        BenchResult r = new BenchResult("generate", 64, 8, "f32", 6.28, 1274, 1200, 10, OfficialFigures.generateImgPerS(64, 8), null);
        assertEquals(2.0, r.ratio(), 1e-9);
        Map<String, Object> m = r.toJson();
        assertEquals(3.14, m.get("official_img_per_s"));
        assertEquals(2.0, m.get("ratio"));
    }

    @Test
    void cliPrintsOneJsonObjectPerLine() throws Exception {
        TestSupport.cpu();
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = Main.run("bench", "--json", "--quick", "--res", "4", "--batch", "1", "--reps", "1");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code);
        String[] lines = buf.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertEquals(2, lines.length, "f32 and bf16 lines: " + buf);
        ObjectMapper json = new ObjectMapper();
        Map<?, ?> bf16 = json.readValue(lines[1], Map.class);
        assertEquals("bf16", bf16.get("dtype"));
        assertTrue(bf16.containsKey("psnr_db"));
        assertTrue(((Number) bf16.get("img_per_s")).doubleValue() > 0);
    }

    @Test
    void trainModeReportsSecondsPerIteration() throws Exception {
        TestSupport.cpu();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("bench", "--mode", "train", "--res", "8", "--batch", "4", "--quick", "--json");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code);
        Map<?, ?> line = new com.fasterxml.jackson.databind.ObjectMapper().readValue(out.toString().strip().lines().reduce((a, b) -> b).orElseThrow(), Map.class);
        assertEquals("train", line.get("what"));
        assertTrue(((Number) line.get("s_per_iter")).doubleValue() > 0);
        assertTrue(!line.containsKey("ratio"), "no official figure at 8 px");
    }
}
