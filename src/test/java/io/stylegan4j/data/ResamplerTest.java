package io.stylegan4j.data;

import static org.junit.jupiter.api.Assertions.*;

import io.stylegan4j.io.Uint8Image;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static Uint8Image gray(int w, int h, java.util.function.IntBinaryOperator f) {
        byte[] px = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = (byte) f.applyAsInt(x, y);
            }
        }
        return new Uint8Image(1, h, w, px);
    }

    @Test
    void sameSizeIsIdentity() {
        Uint8Image src = gray(8, 8, (x, y) -> x * 30 + y);
        assertArrayEquals(src.pixels(), Resampler.resize(src, 8, 8).pixels());
    }

    @Test
    void constantStaysConstantUpAndDown() {
        Uint8Image src = gray(13, 7, (x, y) -> 77);
        for (byte b : Resampler.resize(src, 4, 4).pixels()) {
            assertEquals(77, b & 0xff);
        }
        for (byte b : Resampler.resize(src, 32, 32).pixels()) {
            assertEquals(77, b & 0xff);
        }
    }

    @Test
    void downscalingAveragesInsteadOfAliasing() {
        // A 1-pixel checkerboard point-sampled at half size would be all black or all white.
        Uint8Image checker = gray(64, 64, (x, y) -> ((x + y) & 1) == 0 ? 0 : 255);
        Uint8Image small = Resampler.resize(checker, 16, 16);
        for (int y = 2; y < 14; y++) {
            for (int x = 2; x < 14; x++) {
                assertEquals(128, small.get(0, y, x), 3);
            }
        }
    }

    @Test
    void regionIsCroppedBeforeResizing() {
        Uint8Image src = gray(12, 4, (x, y) -> x < 4 ? 0 : (x < 8 ? 200 : 0));
        Uint8Image mid = Resampler.resize(src, 4, 0, 4, 4, 2, 2);
        for (byte b : mid.pixels()) {
            assertEquals(200, b & 0xff);
        }
    }
}
