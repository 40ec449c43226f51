package io.stylegan4j.cli;

import io.stylegan4j.api.StyleGan;
import io.stylegan4j.serve.ExplorerServer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Web explorer: a page with sliders for seed, truncation, noise, class, style mixing and interpolation,",
                "rendered on the server by GET /api/generate?seed=..&psi=..&cutoff=..&noise=..&class=..&mix-seed=..&mix-layers=..&to-seed=..&t=..",
                "(a PNG; errors are 400 with a one-line JSON body, 503 when the render queue is full). Ctrl-C stops it."})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--network", required = true, description = "model file")
    Path network;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default ${DEFAULT-VALUE}: this machine only)")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "port (default ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--queue", defaultValue = "4", description = "renders that may wait; more get 503 (default ${DEFAULT-VALUE})")
    int queue;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be 0..65535, got " + port);
        InetAddress addr = InetAddress.getByName(host);
        engine.open();
        StyleGan gan = StyleGan.load(network, engine.device);
        ExplorerServer server;
        try {
            server = ExplorerServer.of(gan, host, port, queue, System.err::println).start();
        } catch (java.net.BindException e) {
            gan.close();
            throw new IllegalArgumentException("cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); pick another --port");
        }
        if (!addr.isLoopbackAddress())
            System.err.println("serve: warning: listening on " + host + ", reachable from other machines; the explorer has no authentication");
        System.out.printf("serve: %s (%d px, %s) at http://%s:%d/  (Ctrl-C stops)%n", network, gan.resolution(),
                gan.classes() > 0 ? gan.classes() + " classes" : "unconditional", addr.isAnyLocalAddress() ? "127.0.0.1" : host, server.port());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            gan.close();
            stop.countDown();
        }));
        stop.await();
        return 0;
    }
}
