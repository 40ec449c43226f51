package io.stylegan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylegan4j.TestSupport;
import io.stylegan4j.checkpoint.OfficialImport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Runs the CLI in-process with captured output, against the official 32px fixture converted once per JVM. */
final class Cli {
    private Cli() {}

    record Result(int code, String out, String err) {}

    private static Path model;

    /** The sg2-skip-resnet-32 fixture as a native model file (32x32 RGB, num_ws 8). */
    static synchronized Path model() {
        if (model == null) {
            try {
                Path dir = Files.createTempDirectory("stylegan4j-cli-test");
                dir.toFile().deleteOnExit();
                model = dir.resolve("model.safetensors");
                OfficialImport.convert(TestSupport.fixture("sg2-skip-resnet-32"), model, TestSupport.cpu());
                model.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return model;
    }

    static synchronized Result run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            System.out.flush();
            System.err.flush();
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Runs and fails with the captured stderr when the command did not succeed. */
    static Result ok(String... args) {
        Result r = run(args);
        assertEquals(0, r.code(), "exit code; stderr: " + r.err());
        return r;
    }

    static BufferedImage read(Path png) {
        try {
            BufferedImage img = ImageIO.read(png.toFile());
            if (img == null) throw new IOException(png + " is not a readable image");
            return img;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** RGB pixels of the w x h block at (x, y), row-major, for comparing a grid cell with a single image. */
    static int[] pixels(BufferedImage img, int x, int y, int w, int h) {
        return img.getRGB(x, y, w, h, null, 0, w);
    }

    static int[] pixels(BufferedImage img) {
        return pixels(img, 0, 0, img.getWidth(), img.getHeight());
    }

    /**
     * The w x h block at (x, y) of {@code big} equals {@code small} up to one uint8 level per channel, and at most
     * 1% of the channel values differ (see GenerateCommandTest: batch composition moves the last float bits).
     */
    static void assertClose(BufferedImage small, BufferedImage big, int x, int y) {
        int w = small.getWidth(), h = small.getHeight();
        int[] p = pixels(small), q = pixels(big, x, y, w, h);
        int differing = 0;
        for (int i = 0; i < p.length; i++) {
            for (int s = 0; s < 24; s += 8) {
                int d = Math.abs(((p[i] >> s) & 255) - ((q[i] >> s) & 255));
                org.junit.jupiter.api.Assertions.assertTrue(d <= 1, "pixel " + i + " differs by " + d + " levels");
                if (d > 0) differing++;
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(differing <= p.length * 3 / 100, differing + " channel values differ");
    }
}
