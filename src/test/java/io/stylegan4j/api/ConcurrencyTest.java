package io.stylegan4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Four threads sharing one StyleGan get the bytes one thread gets, RANDOM noise and style mixing included. */
class ConcurrencyTest {
    @TempDir
    Path dir;

    record Request(Latent latent, Render render) {}

    static List<Request> requests() {
        List<Request> out = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            Render base = Render.DEFAULT.withClass(s % 4);
            out.add(new Request(Latent.seed(s), base));
            out.add(new Request(Latent.seed(s), base.withRandomNoise(1000 + s)));
            out.add(new Request(Latent.seed(s), base.withTruncation(0.6, 3).withRandomNoise(2000 + s).withMix(Latent.seed(s + 50), Layers.parse("1-4"))));
            out.add(new Request(Latent.lerp(Latent.seed(s), Latent.seed(s + 1), 0.5), base.withPsi(0.7)));
        }
        return out;
    }

    @Test
    void fourThreadsGiveTheImagesOfOne() throws Exception {
        List<Request> requests = requests();
        try (StyleGan gan = StyleGan.load(TestModels.tiny(dir, 4))) {
            List<byte[]> alone = new ArrayList<>();
            for (Request r : requests) alone.add(gan.png(r.latent(), r.render()));
            assertEquals(requests.size(), new HashSet<>(alone.stream().map(java.util.Arrays::hashCode).toList()).size(),
                    "every request renders a different image");

            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<byte[][]>> runs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    long order = t;
                    runs.add(pool.submit(() -> {
                        // each thread walks the requests in its own order, so RANDOM renders interleave
                        byte[][] got = new byte[requests.size()][];
                        List<Integer> idx = new ArrayList<>();
                        for (int i = 0; i < requests.size(); i++) idx.add(i);
                        Collections.shuffle(idx, new Random(order));
                        for (int i : idx) got[i] = gan.png(requests.get(i).latent(), requests.get(i).render());
                        return got;
                    }));
                }
                for (Future<byte[][]> f : runs) {
                    byte[][] got = f.get();
                    for (int i = 0; i < requests.size(); i++) assertArrayEquals(alone.get(i), got[i], "request " + i + " " + requests.get(i));
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
