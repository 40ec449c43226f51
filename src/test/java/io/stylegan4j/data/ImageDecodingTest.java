package io.stylegan4j.data;

import static org.junit.jupiter.api.Assertions.*;

import io.stylegan4j.io.Uint8Image;
import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageDecodingTest {

    @Test
    void grayStaysOneChannel() {
        Uint8Image img = ImageDecoding.decode(TestImages.png(TestImages.gray(4, 3, 77)), "g.png");
        assertEquals(1, img.channels());
        assertEquals(3, img.height());
        assertEquals(4, img.width());
        assertEquals(77, img.get(0, 2, 3));
    }

    @Test
    void sixteenBitGrayIsRescaledNotTruncated() {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSample(0, 0, 0, 65535);
        img.getRaster().setSample(1, 0, 0, 1000);   // 1000/65535*255 = 3.89 -> 4 (a >>8 would give 3)
        img.getRaster().setSample(0, 1, 0, 32768);  // 127.50 -> 128
        Uint8Image out = ImageDecoding.decode(TestImages.png(img), "g16.png");
        assertEquals(1, out.channels());
        assertEquals(255, out.get(0, 0, 0));
        assertEquals(4, out.get(0, 0, 1));
        assertEquals(128, out.get(0, 1, 0));
        assertEquals(0, out.get(0, 1, 1));
    }

    @Test
    void grayAlphaIsCompositedOverBlack() {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster r = cm.createCompatibleWritableRaster(2, 2);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                r.setSample(x, y, 0, 200);
                r.setSample(x, y, 1, 255);
            }
        }
        r.setSample(1, 1, 1, 51); // 200 * 51/255 = 40
        byte[] png = TestImages.png(new BufferedImage(cm, r, false, null));
        assertEquals(4, png[25], "test premise: PNG colour type 4 (gray+alpha)");
        Uint8Image out = ImageDecoding.decode(png, "ga.png");
        assertEquals(1, out.channels());
        assertEquals(200, out.get(0, 0, 0));
        assertEquals(40, out.get(0, 1, 1));
    }

    @Test
    void rgbaIsCompositedOverBlack() {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, new Color(200, 100, 50, 128).getRGB());
        img.setRGB(1, 0, new Color(10, 20, 30, 255).getRGB());
        img.setRGB(0, 1, new Color(255, 255, 255, 0).getRGB());
        Uint8Image out = ImageDecoding.decode(TestImages.png(img), "rgba.png");
        assertEquals(3, out.channels());
        assertEquals(100, out.get(0, 0, 0)); // 200*128/255 = 100.4
        assertEquals(50, out.get(1, 0, 0));
        assertEquals(25, out.get(2, 0, 0));
        assertEquals(10, out.get(0, 0, 1));
        assertEquals(30, out.get(2, 0, 1));
        assertEquals(0, out.get(0, 1, 0));   // fully transparent white -> black
    }

    @Test
    void paletteBecomesRgbWithTransparentEntryBlack() {
        byte[] r = {(byte) 255, 0, 0, 90};
        byte[] g = {0, (byte) 255, 0, 90};
        byte[] b = {0, 0, (byte) 255, 90};
        byte[] a = {(byte) 255, (byte) 255, (byte) 255, 0};
        IndexColorModel icm = new IndexColorModel(2, 4, r, g, b, a);
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_INDEXED, icm);
        img.getRaster().setSample(0, 0, 0, 0);
        img.getRaster().setSample(1, 0, 0, 1);
        img.getRaster().setSample(0, 1, 0, 2);
        img.getRaster().setSample(1, 1, 0, 3);
        byte[] png = TestImages.png(img);
        assertEquals(3, png[25], "test premise: PNG colour type 3 (palette)");
        Uint8Image out = ImageDecoding.decode(png, "pal.png");
        assertEquals(3, out.channels());
        assertArrayEquals(new int[] {255, 0, 0}, rgbAt(out, 0, 0));
        assertArrayEquals(new int[] {0, 255, 0}, rgbAt(out, 1, 0));
        assertArrayEquals(new int[] {0, 0, 255}, rgbAt(out, 0, 1));
        assertArrayEquals(new int[] {0, 0, 0}, rgbAt(out, 1, 1));
    }

    @Test
    void sixteenBitRgbIsRescaled() {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(2, 2);
        raster.setPixel(0, 0, new int[] {65535, 32768, 1000});
        byte[] png = TestImages.png(new BufferedImage(cm, raster, false, null));
        assertEquals(16, png[24], "test premise: 16-bit PNG");
        Uint8Image out = ImageDecoding.decode(png, "rgb16.png");
        assertArrayEquals(new int[] {255, 128, 4}, rgbAt(out, 0, 0));
        assertArrayEquals(new int[] {0, 0, 0}, rgbAt(out, 1, 1));
    }

    @Test
    void jpegRgbAndGrayDecode() {
        Uint8Image rgb = ImageDecoding.decode(TestImages.encode(TestImages.rgb(8, 8, new Color(200, 40, 40)), "jpeg"), "a.jpg");
        assertEquals(3, rgb.channels());
        assertEquals(200, rgb.get(0, 4, 4), 6);
        assertEquals(40, rgb.get(1, 4, 4), 6);
        Uint8Image gray = ImageDecoding.decode(TestImages.encode(TestImages.gray(8, 8, 90), "jpeg"), "g.jpg");
        assertEquals(1, gray.channels());
        assertEquals(90, gray.get(0, 3, 3), 3);
    }

    @Test
    void garbageIsAClearError() {
        DataException e = assertThrows(DataException.class, () -> ImageDecoding.decode("hello world".getBytes(), "x.png"));
        assertTrue(e.getMessage().startsWith("x.png: not a PNG or JPEG"), e.getMessage());
    }

    @Test
    void corruptPngDataIsAClearError() {
        byte[] png = TestImages.png(TestImages.rgb(16, 16, Color.ORANGE));
        byte[] bad = png.clone();
        for (int i = 45; i < bad.length - 12; i++) {
            bad[i] = (byte) (bad[i] ^ 0x5a); // keep the header, scramble the compressed data
        }
        DataException e = assertThrows(DataException.class, () -> ImageDecoding.decode(bad, "bad.png"));
        assertTrue(e.getMessage().contains("bad.png"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void truncatedPngIsAnErrorNotAHalfImage() {
        BufferedImage noisy = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        java.util.Random rnd = new java.util.Random(1);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                noisy.setRGB(x, y, rnd.nextInt());
            }
        }
        byte[] png = TestImages.png(noisy);
        byte[] cut = Arrays.copyOf(png, png.length / 2);
        assertThrows(DataException.class, () -> ImageDecoding.decode(cut, "cut.png"));
        byte[] headerOnly = Arrays.copyOf(png, 20);
        assertThrows(DataException.class, () -> ImageDecoding.decode(headerOnly, "cut2.png"));
    }

    @Test
    void truncatedJpegIsAnErrorNotAHalfImage() {
        BufferedImage noisy = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        java.util.Random rnd = new java.util.Random(2);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                noisy.setRGB(x, y, rnd.nextInt());
            }
        }
        byte[] jpg = TestImages.encode(noisy, "jpeg");
        byte[] cut = Arrays.copyOf(jpg, jpg.length / 2);
        assertThrows(DataException.class, () -> ImageDecoding.decode(cut, "cut.jpg"));
    }

    @Test
    void hugeClaimedSizeIsRejectedBeforeDecoding() {
        byte[] png = TestImages.png(TestImages.gray(4, 4, 0));
        java.nio.ByteBuffer.wrap(png, 16, 8).putInt(30_000).putInt(30_000); // IHDR width/height
        DataException e = assertThrows(DataException.class, () -> ImageDecoding.decode(png, "bomb.png"));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    private static int[] rgbAt(Uint8Image img, int x, int y) {
        return new int[] {img.get(0, y, x), img.get(1, y, x), img.get(2, y, x)};
    }
}
