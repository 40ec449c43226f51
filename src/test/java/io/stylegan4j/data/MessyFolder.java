package io.stylegan4j.data;

import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A photo folder as users have them: sizes and aspect ratios of every kind, RGBA, palette, 16-bit and gray files,
 * a truncated PNG and a file that is not an image at all. Every readable image is one flat colour, so its fitted
 * pixels are known exactly. Four 48x48 files (one of them truncated) make 48x48 the most common size (32 px when rounded down).
 */
public final class MessyFolder {
    private MessyFolder() {}

    /** The files written, in the sorted order the dataset lists them, and the flat colour of each readable one (null = corrupt; the JPEG may be off by 1 or 2). */
    public static final String[] NAMES = {"a-wide.png", "b-rgba.png", "c-palette.png", "d-rgb16.png", "e-gray-tall.png",
        "f-square.jpg", "g-truncated.png", "h-garbage.png", "i-square.png"};
    public static final int[][] RGB = {{255, 0, 0}, {0, 0, 255}, {0, 255, 0}, {255, 255, 255}, {90, 90, 90}, {128, 128, 128}, null, null, {10, 200, 30}};

    public static Path write(Path dir) {
        TestImages.writePng(dir.resolve(NAMES[0]), TestImages.rgb(40, 30, Color.RED));
        BufferedImage rgba = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++) rgba.setRGB(x, y, new Color(0, 0, 255, 255).getRGB());
        TestImages.writePng(dir.resolve(NAMES[1]), rgba);
        byte[] r = {0, 0}, g = {(byte) 255, 0}, b = {0, 0};
        BufferedImage pal = new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, r, g, b));
        TestImages.writePng(dir.resolve(NAMES[2]), pal); // every index 0 = green
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(24, 16);
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 24; x++) raster.setPixel(x, y, new int[] {65535, 65535, 65535});
        TestImages.writePng(dir.resolve(NAMES[3]), new BufferedImage(cm, raster, false, null));
        TestImages.writePng(dir.resolve(NAMES[4]), TestImages.gray(20, 50, 90));
        TestImages.write(dir.resolve(NAMES[5]), TestImages.encode(TestImages.rgb(48, 48, Color.GRAY), "jpg"));
        byte[] good = TestImages.png(TestImages.rgb(48, 48, Color.RED));
        TestImages.write(dir.resolve(NAMES[6]), Arrays.copyOf(good, good.length / 2));
        TestImages.write(dir.resolve(NAMES[7]), "not an image".getBytes());
        TestImages.writePng(dir.resolve(NAMES[8]), TestImages.rgb(48, 48, new Color(10, 200, 30)));
        return dir;
    }
}
