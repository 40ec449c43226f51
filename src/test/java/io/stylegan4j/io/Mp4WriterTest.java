package io.stylegan4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jcodec.api.FrameGrab;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.model.Picture;
import org.jcodec.scale.AWTUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4WriterTest {
    @TempDir
    Path dir;

    /** 32 px frames: a red square moving right over a blue-green gradient. */
    static List<BufferedImage> frames(int n) {
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_3BYTE_BGR);
            for (int y = 0; y < 32; y++)
                for (int x = 0; x < 32; x++) img.setRGB(x, y, new Color(20, 40 + 5 * y, 200 - 4 * x).getRGB());
            for (int y = 10; y < 22; y++)
                for (int x = i; x < i + 12; x++) img.setRGB(x, y, new Color(230, 30, 30).getRGB());
            out.add(img);
        }
        return out;
    }

    @Test
    void decodesBackToTheFramesEnlarged() throws Exception {
        List<BufferedImage> frames = frames(6);
        Path mp4 = dir.resolve("v.mp4");
        Mp4Writer.write(mp4, frames, 12);
        byte[] head = Files.readAllBytes(mp4);
        assertEquals("ftyp", new String(head, 4, 4, java.nio.charset.StandardCharsets.US_ASCII));

        FrameGrab grab = FrameGrab.createFrameGrab(NIOUtils.readableChannel(mp4.toFile()));
        for (int i = 0; i < frames.size(); i++) {
            Picture p = grab.getNativeFrame();
            BufferedImage got = AWTUtil.toBufferedImage(p);
            assertEquals(256, got.getWidth()); // 32 px enlarged 8x
            assertEquals(256, got.getHeight());
            // PSNR of the decoded frame against the original, sampled at the centre of each enlarged pixel
            double se = 0;
            for (int y = 0; y < 32; y++)
                for (int x = 0; x < 32; x++) {
                    int a = frames.get(i).getRGB(x, y), b = got.getRGB(x * 8 + 4, y * 8 + 4);
                    for (int s = 0; s < 24; s += 8) {
                        double d = (a >> s & 0xff) - (b >> s & 0xff);
                        se += d * d;
                    }
                }
            double psnr = 10 * Math.log10(255.0 * 255 / (se / (32 * 32 * 3)));
            assertTrue(psnr > 30, "frame " + i + ": PSNR " + psnr + " dB");
        }
        assertEquals(null, grab.getNativeFrame(), "more frames than written");
    }

    @Test
    void refusesMixedSizes() {
        List<BufferedImage> frames = new ArrayList<>(frames(2));
        frames.add(new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR));
        assertThrows(IllegalArgumentException.class, () -> Mp4Writer.write(dir.resolve("x.mp4"), frames, 24));
        assertTrue(!Files.exists(dir.resolve("x.mp4")));
    }
}
