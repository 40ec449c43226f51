package io.stylegan4j.io;

/**
 * An 8-bit image in planar CHW order (all of channel 0, then channel 1, ...), the layout the networks consume.
 * Channels is 1 (gray) or 3 (RGB).
 */
public record Uint8Image(int channels, int height, int width, byte[] pixels) {
    public Uint8Image {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("image must have 1 or 3 channels, got " + channels);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException("pixel array holds " + pixels.length + " bytes, expected " + channels + "*" + height + "*" + width);
        }
    }

    /** The value at channel c, row y, column x, as 0..255. */
    public int get(int c, int y, int x) {
        return pixels[(c * height + y) * width + x] & 0xff;
    }

    /** Replicates a gray image into 3 equal channels, so mixed gray/RGB sets share one layout; RGB is returned as is. */
    public Uint8Image toRgb() {
        if (channels == 3) {
            return this;
        }
        int plane = height * width;
        byte[] out = new byte[3 * plane];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(pixels, 0, out, c * plane, plane);
        }
        return new Uint8Image(3, height, width, out);
    }

    /** This image with the requested channel count; only gray-to-RGB widening is possible without losing data. */
    public Uint8Image withChannels(int wanted) {
        if (wanted == channels) {
            return this;
        }
        if (wanted == 3) {
            return toRgb();
        }
        throw new IllegalArgumentException("cannot narrow a " + channels + "-channel image to " + wanted + " channels");
    }
}
