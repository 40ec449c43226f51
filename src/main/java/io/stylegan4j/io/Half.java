package io.stylegan4j.io;

/** float16 / bfloat16 bit conversions (Float.float16ToFloat only arrived in Java 20). */
public final class Half {
    private Half() {
    }

    public static float f16ToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) { // inf / NaN: keep the payload so NaNs stay NaNs
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            // subnormal (or zero): value = mant * 2^-24, exact in float
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** Round-to-nearest-even, as torch's .half() does, so written F16 files match PyTorch bit for bit. */
    static short floatToF16(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int absBits = bits & 0x7fffffff;
        if (absBits >= 0x7f800000) { // inf or NaN
            return (short) (sign | 0x7c00 | (absBits > 0x7f800000 ? 0x200 : 0));
        }
        if (absBits >= 0x477ff000) { // rounds to >= 65520 -> overflow to inf
            return (short) (sign | 0x7c00);
        }
        if (absBits < 0x38800000) { // below the smallest normal half: subnormal, via exact float math
            float a = Float.intBitsToFloat(absBits);
            // a * 2^24 is exact; Math.rint rounds half to even
            return (short) (sign | (int) Math.rint(a * 0x1p24f));
        }
        int exp = (absBits >>> 23) - 127 + 15;
        int mant = absBits & 0x7fffff;
        int half = (exp << 10) | (mant >>> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++; // may carry into the exponent, which is the correct result
        }
        return (short) (sign | half);
    }

    public static float bf16ToFloat(short b) {
        return Float.intBitsToFloat((b & 0xffff) << 16);
    }

    static short floatToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7fffffff) > 0x7f800000) {
            return (short) ((bits >>> 16) | 0x40); // keep NaN quiet; truncation could make it inf
        }
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }
}
