package io.stylegan4j.data;

import io.stylegan4j.io.Uint8Image;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * PNG/JPEG bytes to the canonical 8-bit CHW form: gray and gray+alpha become 1 channel; RGB, RGBA and palette
 * become 3; any alpha is composited over black; 16-bit samples are rescaled to 0..255. Raw raster samples are used
 * rather than {@code getRGB}, because Java treats gray as linear light and would brighten it on the way to sRGB.
 */
public final class ImageDecoding {
    /** Guards against decompression bombs: a tiny file claiming a gigapixel image would exhaust the heap. */
    static final long MAX_PIXELS = 200_000_000L;

    private ImageDecoding() {}

    /** Decodes with the channel count the file itself declares (1 for gray, 3 for colour). */
    public static Uint8Image decode(byte[] bytes, String name) {
        ImageHeader header = ImageHeader.read(bytes, name);
        return decode(bytes, name, header);
    }

    static Uint8Image decode(byte[] bytes, String name, ImageHeader header) {
        if ((long) header.width() * header.height() > MAX_PIXELS) {
            throw new DataException(name + ": " + header.width() + "x" + header.height() + " is too large to decode (limit " + MAX_PIXELS / 1_000_000
                    + " megapixels); downscale it first");
        }
        BufferedImage image = read(bytes, name, header.format());
        if (image.getWidth() != header.width() || image.getHeight() != header.height()) {
            throw new DataException(name + ": decoded " + image.getWidth() + "x" + image.getHeight() + " but header says "
                    + header.width() + "x" + header.height() + "; the file is corrupt");
        }
        return canonical(image, header.channels());
    }

    private static BufferedImage read(byte[] bytes, String name, ImageHeader.Format format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format == ImageHeader.Format.PNG ? "png" : "jpeg");
        if (!readers.hasNext()) {
            throw new DataException("this JVM has no " + format + " decoder; use a full JDK");
        }
        ImageReader reader = readers.next();
        // The JPEG reader reports a truncated file only as a warning and returns a grey-padded image;
        // a half image must never reach training, so any warning fails the decode.
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            BufferedImage image = reader.read(0);
            if (!warnings.isEmpty()) {
                throw new DataException(name + ": damaged " + format + " (" + warnings.get(0) + "); re-export or remove the file");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException d) {
                throw d;
            }
            // ImageIO signals corrupt data with assorted IOExceptions and, for some damage, runtime exceptions.
            throw new DataException(name + ": corrupt or truncated " + format + " (" + e + "); re-export or remove the file", e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Converts any decoded BufferedImage to {@code channels} 8-bit planes. Works a row at a time so a large photo
     * costs little beyond its own raster (the dataset command decodes several in parallel).
     */
    static Uint8Image canonical(BufferedImage image, int channels) {
        ColorModel cm = image.getColorModel();
        boolean indexed = cm instanceof IndexColorModel;
        int colors = indexed ? 3 : cm.getNumColorComponents();
        if (!indexed && (colors != 1 && colors != 3 || colors == 3 && cm.getColorSpace().getType() != ColorSpace.TYPE_RGB)) {
            return viaRgb(image, channels);
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        Raster raster = image.getRaster();
        // Per row: colour scaled to [0,1] and alpha in [0,1]; composited over black when written out.
        float[][] rgb = new float[3][w];
        float[] alpha = new float[w];
        int[] samples = new int[w];
        float[] scale = new float[colors + 1];
        if (!indexed) {
            for (int band = 0; band < colors + (cm.hasAlpha() ? 1 : 0); band++) {
                scale[band] = 1f / ((1 << cm.getComponentSize(band)) - 1);
            }
        }
        boolean premultiplied = cm.isAlphaPremultiplied();
        byte[] out = new byte[channels * plane];
        for (int y = 0; y < h; y++) {
            if (indexed) {
                IndexColorModel icm = (IndexColorModel) cm;
                raster.getSamples(0, y, w, 1, 0, samples);
                for (int x = 0; x < w; x++) {
                    int idx = samples[x];
                    rgb[0][x] = icm.getRed(idx) / 255f;
                    rgb[1][x] = icm.getGreen(idx) / 255f;
                    rgb[2][x] = icm.getBlue(idx) / 255f;
                    alpha[x] = icm.getAlpha(idx) / 255f;
                }
            } else {
                for (int band = 0; band < colors; band++) {
                    raster.getSamples(0, y, w, 1, band, samples);
                    for (int x = 0; x < w; x++) {
                        rgb[band][x] = samples[x] * scale[band];
                    }
                }
                if (cm.hasAlpha() && !premultiplied) {
                    // Alpha follows the colour bands in both component and packed colour models.
                    raster.getSamples(0, y, w, 1, colors, samples);
                    for (int x = 0; x < w; x++) {
                        alpha[x] = samples[x] * scale[colors];
                    }
                } else {
                    java.util.Arrays.fill(alpha, 1f);
                }
            }
            int row = y * w;
            for (int x = 0; x < w; x++) {
                float a = alpha[x];
                if (channels == 1) {
                    // Palettes of gray PNGs (bit depth < 8) have r == g == b; a colour source would need luma.
                    float g = colors == 1 ? rgb[0][x] : 0.299f * rgb[0][x] + 0.587f * rgb[1][x] + 0.114f * rgb[2][x];
                    out[row + x] = toByte(g * a);
                } else {
                    for (int c = 0; c < 3; c++) {
                        out[c * plane + row + x] = toByte(rgb[colors == 1 ? 0 : c][x] * a);
                    }
                }
            }
        }
        return new Uint8Image(channels, h, w, out);
    }

    /** Fallback for unusual colour spaces (e.g. JPEG in YCCK): let Java2D convert to sRGB. */
    private static Uint8Image viaRgb(BufferedImage image, int channels) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = rgb.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return canonical(rgb, channels);
    }

    private static byte toByte(float v) {
        int i = Math.round(v * 255f);
        return (byte) (i < 0 ? 0 : Math.min(i, 255));
    }
}
