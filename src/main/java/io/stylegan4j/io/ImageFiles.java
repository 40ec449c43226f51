package io.stylegan4j.io;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Writing images: PNG files, sample grids, and the float-to-byte conversion of network output. */
public final class ImageFiles {
    private ImageFiles() {}

    /** Writes an image as PNG atomically (8-bit gray for 1 channel, 8-bit RGB for 3). */
    public static void writePng(Path path, Uint8Image image) throws IOException {
        writePng(path, toBufferedImage(image));
    }

    /** Writes uint8 CHW pixels as PNG atomically. */
    public static void writePng(Path path, byte[] chw, int channels, int height, int width) throws IOException {
        writePng(path, new Uint8Image(channels, height, width, chw));
    }

    /** Writes any BufferedImage as PNG atomically. */
    public static void writePng(Path path, BufferedImage image) throws IOException {
        AtomicFiles.write(path, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer for image type " + image.getType());
            }
        });
    }

    /** Encodes an image as PNG bytes in memory (for zips). */
    public static byte[] encodePng(Uint8Image image) throws IOException {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        if (!ImageIO.write(toBufferedImage(image), "png", buffer)) {
            throw new IOException("no PNG writer available");
        }
        return buffer.toByteArray();
    }

    /** CHW planes to an interleaved BufferedImage (TYPE_BYTE_GRAY or TYPE_3BYTE_BGR). */
    public static BufferedImage toBufferedImage(Uint8Image image) {
        int h = image.height();
        int w = image.width();
        int c = image.channels();
        BufferedImage out = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = out.getRaster();
        int[] row = new int[w];
        byte[] px = image.pixels();
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int base = (ch * h + y) * w;
                for (int x = 0; x < w; x++) {
                    row[x] = px[base + x] & 0xff;
                }
                // Raster bands are in colour-model order (R,G,B), independent of the BGR byte layout.
                raster.setSamples(0, y, w, 1, ch, row);
            }
        }
        return out;
    }

    /** A network output batch [N, C, H, W] in [-1, 1] (as floats, with its shape) to N uint8 images, converted as {@link #toUint8(float[])}. */
    public static List<Uint8Image> toUint8Batch(float[] nchw, long[] shape) {
        int n = (int) shape[0], c = (int) shape[1], h = (int) shape[2], w = (int) shape[3], size = c * h * w;
        if (nchw.length != n * size) throw new IllegalArgumentException("batch of shape " + java.util.Arrays.toString(shape) + " needs " + n * size + " values, got " + nchw.length);
        List<Uint8Image> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(toUint8(java.util.Arrays.copyOfRange(nchw, i * size, (i + 1) * size), c, h, w));
        return out;
    }

    /**
     * Network output in [-1, 1] to bytes, exactly as the official code does: {@code (x*127.5+128).clamp(0,255)}
     * then a truncating cast. The +128 (not 127.5) with truncation is rounding to nearest, so -1 -> 0 and 1 -> 255.
     */
    public static byte[] toUint8(float[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = values[i] * 127.5f + 128f;
            // NaN fails both comparisons; mapping it to 0 keeps a diverged sample visible instead of crashing.
            int b = v >= 255f ? 255 : (v > 0f ? (int) v : 0);
            out[i] = (byte) b;
        }
        return out;
    }

    /** Same as {@link #toUint8(float[])} for one CHW image. */
    public static Uint8Image toUint8(float[] chw, int channels, int height, int width) {
        return new Uint8Image(channels, height, width, toUint8(chw));
    }

    /**
     * Tiles images row-major into {@code rows x cols} cells separated by {@code gap} pixels of black.
     * All images must share channels and size; fewer images than cells leave the trailing cells black.
     */
    public static Uint8Image grid(List<Uint8Image> images, int rows, int cols, int gap) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("grid needs at least one image");
        }
        if (rows <= 0 || cols <= 0 || gap < 0) {
            throw new IllegalArgumentException("grid needs rows, cols > 0 and gap >= 0, got " + rows + "x" + cols + " gap " + gap);
        }
        if (images.size() > rows * cols) {
            throw new IllegalArgumentException(images.size() + " images do not fit a " + rows + "x" + cols + " grid");
        }
        Uint8Image first = images.get(0);
        int c = first.channels();
        int h = first.height();
        int w = first.width();
        int gh = rows * h + (rows - 1) * gap;
        int gw = cols * w + (cols - 1) * gap;
        byte[] out = new byte[c * gh * gw];
        for (int n = 0; n < images.size(); n++) {
            Uint8Image img = images.get(n);
            if (img.channels() != c || img.height() != h || img.width() != w) {
                throw new IllegalArgumentException("grid image " + n + " is " + img.channels() + "x" + img.height() + "x" + img.width()
                        + " but image 0 is " + c + "x" + h + "x" + w);
            }
            int oy = (n / cols) * (h + gap);
            int ox = (n % cols) * (w + gap);
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    System.arraycopy(img.pixels(), (ch * h + y) * w, out, (ch * gh + oy + y) * gw + ox, w);
                }
            }
        }
        return new Uint8Image(c, gh, gw, out);
    }

    /** Grid over a contiguous batch of {@code n} CHW images (the layout of a training batch). */
    public static Uint8Image grid(byte[] batch, int n, int channels, int height, int width, int rows, int cols, int gap) {
        int size = channels * height * width;
        if (batch.length < n * size) {
            throw new IllegalArgumentException("batch holds " + batch.length + " bytes, need " + n + " images of " + size);
        }
        java.util.ArrayList<Uint8Image> images = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            images.add(new Uint8Image(channels, height, width, java.util.Arrays.copyOfRange(batch, i * size, (i + 1) * size)));
        }
        return grid(images, rows, cols, gap);
    }

    /** Writes an animated GIF atomically; {@code loop} repeats forever (NETSCAPE2.0 extension). */
    public static void writeGif(Path path, List<BufferedImage> frames, int delayMs, boolean loop) throws IOException {
        GifWriter.write(path, frames, delayMs, loop);
    }
}
