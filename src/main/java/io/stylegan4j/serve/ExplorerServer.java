package io.stylegan4j.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stylegan4j.api.Latent;
import io.stylegan4j.api.Render;
import io.stylegan4j.api.StyleGan;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The web explorer: a page of sliders ({@code GET /}) over {@code GET /api/generate}, which renders one PNG on the
 * server from query parameters ({@link GenerateQuery}), and {@code GET /api/info}, the model's shape as JSON.
 *
 * <p>Built on the JDK's own HTTP server ({@code com.sun.net.httpserver}): three routes and a static page need no
 * framework, it adds no dependency to the library jar, and its executor is ours to bound. Renders run one at a time
 * on a single worker (libtorch already spreads one image over the cores) behind a queue of {@code queueCapacity}
 * requests; a request that finds the queue full gets 503 at once instead of waiting behind work the user has already
 * scrolled past. The page is a classpath resource; nothing in a request names a file.
 */
public final class ExplorerServer implements AutoCloseable {
    /** Renders one query to PNG bytes (the model, or a stand-in in tests). */
    public interface Renderer {
        byte[] png(Latent latent, Render render);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RENDER_TIMEOUT_S = 120;

    private final HttpServer http;
    private final ThreadPoolExecutor renders;
    private final ExecutorService handlers;
    private final Renderer renderer;
    private final GenerateQuery.Model model;
    private final Map<String, Object> info;
    private final byte[] page;
    private final Consumer<String> log;

    /** Serves {@code gan} on {@code host:port} (port 0 picks a free one); call {@link #start}. */
    public static ExplorerServer of(StyleGan gan, String host, int port, int queueCapacity, Consumer<String> log) throws IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("resolution", gan.resolution());
        info.put("channels", gan.channels());
        info.put("classes", gan.classes());
        info.put("num_ws", gan.numWs());
        info.put("z_dim", gan.zDim());
        info.put("w_dim", gan.wDim());
        return new ExplorerServer(gan::png, new GenerateQuery.Model(gan.numWs(), gan.classes()), info, host, port, queueCapacity, log);
    }

    public ExplorerServer(Renderer renderer, GenerateQuery.Model model, Map<String, Object> info, String host, int port,
                          int queueCapacity, Consumer<String> log) throws IOException {
        if (queueCapacity < 1) throw new IllegalArgumentException("--queue must be >= 1, got " + queueCapacity);
        this.renderer = renderer;
        this.model = model;
        this.info = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(info));
        this.log = log;
        try (InputStream in = ExplorerServer.class.getResourceAsStream("index.html")) {
            if (in == null) throw new IllegalStateException("index.html is missing from the jar");
            this.page = in.readAllBytes();
        }
        this.renders = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity),
                r -> daemon(r, "explorer-render"));
        // More handler threads than queue slots, so a full queue is reported (503) rather than left in the accept backlog.
        this.handlers = Executors.newFixedThreadPool(queueCapacity + 4, r -> daemon(r, "explorer-http"));
        this.http = HttpServer.create(new InetSocketAddress(host, port), 50);
        http.setExecutor(handlers);
        http.createContext("/", this::handle);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public ExplorerServer start() {
        http.start();
        return this;
    }

    /** The bound port (the free one picked when constructed with port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        renders.shutdownNow();
        handlers.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().add("Allow", "GET, HEAD");
                error(ex, 405, "only GET is supported");
                return;
            }
            switch (ex.getRequestURI().getPath()) {
                case "/", "/index.html" -> send(ex, 200, "text/html; charset=utf-8", page);
                case "/api/info" -> send(ex, 200, "application/json", JSON.writeValueAsBytes(info));
                case "/api/generate" -> generate(ex);
                default -> error(ex, 404, "no such page; the explorer is at / and the API at /api/generate and /api/info");
            }
        } catch (IOException e) {
            log.accept("serve: a client went away (" + e.getMessage() + ")");
        }
    }

    private void generate(HttpExchange ex) throws IOException {
        GenerateQuery q;
        try {
            q = GenerateQuery.parse(ex.getRequestURI().getRawQuery(), model);
        } catch (IllegalArgumentException e) {
            error(ex, 400, e.getMessage());
            return;
        }
        Future<byte[]> png;
        try {
            png = renders.submit(() -> renderer.png(q.latent(), q.render()));
        } catch (RejectedExecutionException e) {
            error(ex, 503, "busy: " + renders.getQueue().size() + " renders are queued; try again in a moment");
            return;
        }
        long start = System.nanoTime();
        try {
            byte[] bytes = png.get(RENDER_TIMEOUT_S, TimeUnit.SECONDS);
            ex.getResponseHeaders().add("Cache-Control", "no-store");
            ex.getResponseHeaders().add("X-Render-Ms", String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e6));
            send(ex, 200, "image/png", bytes);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException) error(ex, 400, cause.getMessage());
            else {
                log.accept("serve: render failed: " + cause);
                error(ex, 500, "render failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }
        } catch (TimeoutException e) {
            png.cancel(true);
            error(ex, 503, "the render took longer than " + RENDER_TIMEOUT_S + " s; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(ex, 503, "the server is shutting down");
        }
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        String oneLine = message == null ? "error" : message.replace('\n', ' ');
        send(ex, status, "application/json", JSON.writeValueAsBytes(Map.of("error", oneLine)));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
