package io.stylegan4j.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.api.Latent;
import io.stylegan4j.api.Layers;
import io.stylegan4j.api.Render;
import io.stylegan4j.api.StyleGan;
import io.stylegan4j.api.TestModels;
import io.stylegan4j.nn.NoiseMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplorerServerTest {
    @TempDir
    static Path dir;
    static StyleGan gan;
    static ExplorerServer server;
    static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gan = StyleGan.load(TestModels.tiny(dir, 4));
        server = ExplorerServer.of(gan, "127.0.0.1", 0, 4, m -> {}).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        gan.close();
    }

    static HttpResponse<byte[]> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> get(String path) throws Exception {
        return get(server.port(), path);
    }

    @Test
    void rendersWhatTheLibraryRenders() throws Exception {
        HttpResponse<byte[]> r = get("/api/generate?seed=42&psi=0.7&cutoff=3&noise=random&noise-seed=5&class=2&mix-seed=7&mix-layers=1-2");
        assertEquals(200, r.statusCode());
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElseThrow());
        Render want = Render.DEFAULT.withTruncation(0.7, 3).withRandomNoise(5).withClass(2).withMix(Latent.seed(7), Layers.parse("1-2"));
        assertArrayEquals(gan.png(Latent.seed(42), want), r.body());

        HttpResponse<byte[]> lerp = get("/api/generate?seed=1&to-seed=2&t=0.25&class=0");
        assertArrayEquals(gan.png(Latent.lerp(Latent.seed(1), Latent.seed(2), 0.25), Render.DEFAULT.withClass(0)), lerp.body());
        assertEquals(NoiseMode.NONE, GenerateQuery.parse("seed=1&noise=none&class=0", new GenerateQuery.Model(6, 4)).render().noise());
    }

    @Test
    void servesThePageAndTheModelsShape() throws Exception {
        HttpResponse<byte[]> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(new String(page.body()).contains("/api/generate"));
        assertEquals("{\"resolution\":16,\"channels\":3,\"classes\":4,\"num_ws\":6,\"z_dim\":16,\"w_dim\":16}", new String(get("/api/info").body()));
    }

    @Test
    void everyBadParameterIsA400WithOneLineOfJson() throws Exception {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("seed=abc&class=0", "{\"error\":\"seed must be an integer 0..4294967295, got 'abc'\"}"),
                Map.entry("seed=-1&class=0", "{\"error\":\"seed must be 0..4294967295, got -1\"}"),
                Map.entry("class=0", "{\"error\":\"seed is required (an integer 0..4294967295)\"}"),
                Map.entry("seed=1", "{\"error\":\"class is required: this model is conditional on 4 classes (0..3)\"}"),
                Map.entry("seed=1&class=4", "{\"error\":\"class must be 0..3, got 4\"}"),
                Map.entry("seed=1&class=0&psi=nan", "{\"error\":\"psi must be a number -10.0..10.0, got 'nan'\"}"),
                Map.entry("seed=1&class=0&psi=NaN", "{\"error\":\"psi must be -10.0..10.0, got NaN\"}"),
                Map.entry("seed=1&class=0&psi=1e9", "{\"error\":\"psi must be -10.0..10.0, got 1e9\"}"),
                Map.entry("seed=1&class=0&cutoff=7", "{\"error\":\"cutoff must be 0..6, got 7\"}"),
                Map.entry("seed=1&class=0&noise=loud", "{\"error\":\"noise must be const, random or none, got 'loud'\"}"),
                Map.entry("seed=1&class=0&noise-seed=3", "{\"error\":\"noise-seed needs noise=random\"}"),
                Map.entry("seed=1&class=0&mix-seed=2&mix-layers=fine",
                        "{\"error\":\"mix-layers: layers 8-end select no layer of this model (num_ws 6; use 0-5)\"}"),
                Map.entry("seed=1&class=0&mix-layers=0-3", "{\"error\":\"mix-layers needs mix-seed, the seed whose styles to take\"}"),
                Map.entry("seed=1&class=0&to-seed=2&t=1.5", "{\"error\":\"t must be 0.0..1.0, got 1.5\"}"),
                Map.entry("seed=1&seed=2&class=0", "{\"error\":\"parameter 'seed' is given twice\"}"),
                Map.entry("seed=1&class=0&file=%2Fetc%2Fpasswd", "{\"error\":\"unknown parameter 'file'; known: class, cutoff, mix-layers, "
                        + "mix-seed, noise, noise-seed, psi, seed, t, to-seed\"}"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<byte[]> r = get("/api/generate?" + c.getKey());
            assertEquals(400, r.statusCode(), c.getKey());
            assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(c.getValue(), new String(r.body()), c.getKey());
        }
        assertEquals(404, get("/../../etc/passwd").statusCode());
        HttpResponse<byte[]> post = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/generate?seed=1"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, post.statusCode());
    }

    @Test
    void aFullQueueAnswers503() throws Exception {
        CountDownLatch release = new CountDownLatch(1), started = new CountDownLatch(1);
        ExplorerServer.Renderer slow = (latent, render) -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new byte[] {1};
        };
        try (ExplorerServer s = new ExplorerServer(slow, new GenerateQuery.Model(6, 0), Map.of(), "127.0.0.1", 0, 2, m -> {}).start()) {
            CompletableFuture<HttpResponse<byte[]>> first = client.sendAsync(req(s, 0), HttpResponse.BodyHandlers.ofByteArray());
            started.await(); // one render running; of five more requests, two fit the queue and three are refused at once
            List<CompletableFuture<HttpResponse<byte[]>>> more = new ArrayList<>();
            for (int i = 1; i <= 5; i++) more.add(client.sendAsync(req(s, i), HttpResponse.BodyHandlers.ofByteArray()));
            List<String> refused = new ArrayList<>();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (refused.size() < 3 && System.nanoTime() < deadline) {
                refused.clear();
                for (CompletableFuture<HttpResponse<byte[]>> f : more)
                    if (f.isDone() && f.get().statusCode() == 503) refused.add(new String(f.get().body()));
                Thread.sleep(5);
            }
            assertEquals(3, refused.size(), "503s while the queue was full");
            assertTrue(refused.get(0).startsWith("{\"error\":\"busy: 2 renders are queued"), refused.get(0));
            release.countDown();
            assertEquals(200, first.get().statusCode());
            assertEquals(2, more.stream().filter(f -> f.join().statusCode() == 200).count());
        }
    }

    private static HttpRequest req(ExplorerServer s, int seed) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/generate?seed=" + seed)).build();
    }
}
