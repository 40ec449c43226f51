package io.stylegan4j.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a rank stands: torchrun's variables, the flags over them, and the launcher's arguments for its ranks. */
class WorldTest {
    private static final Duration T = Duration.ofSeconds(30);
    private static final Map<String, String> TORCHRUN = Map.of("RANK", "3", "WORLD_SIZE", "4", "MASTER_ADDR", "10.0.0.1", "MASTER_PORT", "29500");

    @Test
    void torchrunVariablesGiveTheWorld() {
        assertTrue(World.inEnvironment(TORCHRUN));
        World w = World.resolve(null, null, null, T, TORCHRUN);
        assertEquals(new World(3, 4, "10.0.0.1", 29500, null, T), w);
        assertEquals("10.0.0.1:29500", w.master());
        assertEquals(Map.of("RANK", "1", "LOCAL_RANK", "1", "WORLD_SIZE", "4", "MASTER_ADDR", "10.0.0.1", "MASTER_PORT", "29500"),
                w.environment(1));
    }

    @Test
    void flagsOverrideTheEnvironmentAndAFileMasterIsAStoreFile() {
        World w = World.resolve(0, 2, "file:/tmp/run/store", T, TORCHRUN);
        assertEquals(0, w.rank());
        assertEquals(2, w.size());
        assertEquals(Path.of("/tmp/run/store"), w.storeFile());
        assertEquals("file:/tmp/run/store", w.master());
        assertFalse(w.environment(1).containsKey("MASTER_ADDR"), "a store file goes by --master, not MASTER_ADDR");
        World tcp = World.resolve(1, 2, "[::1]:1234", T, Map.of());
        assertEquals("[::1]", tcp.masterAddr());
        assertEquals(1234, tcp.masterPort());
        assertNull(tcp.storeFile());
    }

    @Test
    void missingOrBadValuesNameWhatToSet() {
        assertEquals("pass --rank or set RANK",
                assertThrows(IllegalArgumentException.class, () -> World.resolve(null, 2, "h:1", T, Map.of())).getMessage());
        assertEquals("no master: pass --master HOST:PORT or set MASTER_ADDR and MASTER_PORT",
                assertThrows(IllegalArgumentException.class, () -> World.resolve(0, 2, null, T, Map.of())).getMessage());
        assertEquals("rank 2 is outside the world of 2 processes (0 .. 1)",
                assertThrows(IllegalArgumentException.class, () -> World.resolve(2, 2, "h:1", T, Map.of())).getMessage());
        assertEquals("--master must be HOST:PORT, got 'h'",
                assertThrows(IllegalArgumentException.class, () -> World.resolve(0, 2, "h", T, Map.of())).getMessage());
        assertEquals("RANK must be an integer, got 'x'",
                assertThrows(IllegalArgumentException.class, () -> World.resolve(null, null, "h:1", T, Map.of("RANK", "x", "WORLD_SIZE", "2")))
                        .getMessage());
    }

    @Test
    void aRankGetsTheLauncherArgumentsWithoutNproc() {
        assertEquals(List.of("train", "--batch", "8", "--threads", "1"),
                Launcher.withoutNproc(List.of("train", "--nproc", "2", "--batch", "8", "--nproc=3", "--threads", "1")));
    }
}
