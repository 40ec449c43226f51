package io.stylegan4j.bench;

/**
 * The official NVlabs StyleGAN2 code's speeds on this machine kind (ENGINE.md, "The peers"): Debian's PyTorch 1.13.1,
 * f32, 2 threads, config z = w = 512, 8 mapping layers, channel_base 32768, channel_max 512, skip G.
 */
public final class OfficialFigures {
    /** Where the built-in figures come from, said on every line that uses one. */
    public static final String SOURCE = "built-in figure, ENGINE.md: measured on a 2-core Sapphire Rapids in 2026-11, not on this "
            + "machine (bench --peers FILE compares side by side)";

    private OfficialFigures() {}

    /** Generation images/s, or null where the official code was not measured at this resolution and batch. */
    public static Double generateImgPerS(int res, int batch) {
        if (res == 64 && batch == 8) return 3.14;
        if (res == 256 && batch == 4) return 1.14;
        return null;
    }

    /** The batch the official figure at {@code res} was measured with (4 where there is none). */
    public static int defaultBatch(int res) {
        return res == 64 ? 8 : 4;
    }
}
