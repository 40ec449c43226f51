package io.stylegan4j.io;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
    @TempDir Path dir;

    @Test
    void toUint8MatchesOfficialFormula() {
        byte[] b = ImageFiles.toUint8(new float[] {-1f, 1f, 0f, -2f, 2f, Float.NaN, 0.5f});
        assertEquals(0, b[0] & 0xff);
        assertEquals(255, b[1] & 0xff);
        assertEquals(128, b[2] & 0xff);
        assertEquals(0, b[3] & 0xff);
        assertEquals(255, b[4] & 0xff);
        assertEquals(0, b[5] & 0xff);
        assertEquals(191, b[6] & 0xff); // 0.5*127.5+128 = 191.75 -> 191
    }

    @Test
    void pngRoundTripKeepsChannelOrder() throws IOException {
        // 2x2 RGB: channel planes R, G, B.
        byte[] chw = {10, 20, 30, 40, /* G */ 50, 60, 70, 80, /* B */ (byte) 200, (byte) 210, (byte) 220, (byte) 230};
        Path p = dir.resolve("x.png");
        ImageFiles.writePng(p, chw, 3, 2, 2);
        BufferedImage back = ImageIO.read(p.toFile());
        assertEquals(new Color(40, 80, 230).getRGB(), back.getRGB(1, 1));
        assertEquals(new Color(20, 60, 210).getRGB(), back.getRGB(1, 0));
    }

    @Test
    void grayPngRoundTrip() throws IOException {
        Path p = dir.resolve("g.png");
        ImageFiles.writePng(p, new byte[] {0, 100, (byte) 255, 7}, 1, 2, 2);
        BufferedImage back = ImageIO.read(p.toFile());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, back.getType());
        assertEquals(255, back.getRaster().getSample(0, 1, 0));
    }

    @Test
    void gridPlacesImagesRowMajorWithGap() {
        List<Uint8Image> imgs = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            byte[] px = new byte[3 * 2 * 3];
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 6; i++) {
                    px[c * 6 + i] = (byte) (10 * n + c + 1);
                }
            }
            imgs.add(new Uint8Image(3, 2, 3, px));
        }
        Uint8Image g = ImageFiles.grid(imgs, 2, 3, 1);
        assertEquals(2 * 2 + 1, g.height());
        assertEquals(3 * 3 + 2, g.width());
        assertEquals(1, g.get(0, 0, 0));            // image 0, red
        assertEquals(0, g.get(0, 0, 3));            // gap column
        assertEquals(11, g.get(0, 0, 4));           // image 1 starts at x=4
        assertEquals(23, g.get(2, 1, 8 + 2));       // image 2, blue, last pixel
        assertEquals(0, g.get(1, 2, 0));            // gap row
        assertEquals(32, g.get(1, 3, 0));           // image 3 starts at y=3
        assertEquals(42, g.get(1, 4, 6));           // image 4 at (3,4)
        assertEquals(0, g.get(0, 4, 10));           // empty 6th cell stays black
    }

    @Test
    void gridRejectsMismatchedImages() {
        List<Uint8Image> imgs = List.of(new Uint8Image(1, 2, 2, new byte[4]), new Uint8Image(1, 3, 3, new byte[9]));
        assertThrows(IllegalArgumentException.class, () -> ImageFiles.grid(imgs, 1, 2, 0));
    }

    @Test
    void gifHasAllFramesAndLoops() throws IOException {
        List<BufferedImage> frames = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            BufferedImage f = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            f.setRGB(i, i, 0xffffff);
            frames.add(f);
        }
        Path p = dir.resolve("anim.gif");
        ImageFiles.writeGif(p, frames, 100, true);
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(p.toFile())) {
            reader.setInput(in);
            assertEquals(4, reader.getNumImages(true));
            String tree = dump((javax.imageio.metadata.IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0"));
            assertTrue(tree.contains("NETSCAPE"), tree);
            assertTrue(tree.contains("delayTime=10"), tree);
            assertEquals(0xffffff, reader.read(2).getRGB(2, 2) & 0xffffff);
        } finally {
            reader.dispose();
        }
    }

    @Test
    void gifRejectsMixedFrameSizesAndWritesNothing() {
        Path p = dir.resolve("bad.gif");
        List<BufferedImage> frames = List.of(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB));
        assertThrows(IllegalArgumentException.class, () -> ImageFiles.writeGif(p, frames, 50, false));
        assertFalse(java.nio.file.Files.exists(p));
    }

    private static String dump(org.w3c.dom.Node n) {
        StringBuilder sb = new StringBuilder(n.getNodeName());
        if (n.getAttributes() != null) {
            for (int i = 0; i < n.getAttributes().getLength(); i++) {
                sb.append(' ').append(n.getAttributes().item(i).getNodeName()).append('=').append(n.getAttributes().item(i).getNodeValue());
            }
        }
        for (int i = 0; i < n.getChildNodes().getLength(); i++) {
            sb.append('\n').append(dump(n.getChildNodes().item(i)));
        }
        return sb.toString();
    }
}
