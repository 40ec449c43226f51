package io.stylegan4j.serve;

import io.stylegan4j.api.Latent;
import io.stylegan4j.api.Layers;
import io.stylegan4j.api.Render;
import io.stylegan4j.nn.NoiseMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The query of {@code GET /api/generate}, checked parameter by parameter: every problem is one sentence naming the
 * parameter, what it got and what it takes. Only numbers and a few words are accepted, nothing that names a file.
 *
 * @param latent the seed, or the point {@code t} between {@code seed} and {@code to-seed}
 * @param render truncation, class, noise and style mixing
 */
public record GenerateQuery(Latent latent, Render render) {
    /** The parameters, in the order the page and the error messages list them. */
    public static final Set<String> NAMES = Set.of("seed", "psi", "cutoff", "noise", "noise-seed", "class", "mix-seed", "mix-layers", "to-seed", "t");

    /** Limits on psi: StyleGAN's figures use -1 .. 1; beyond a few units the images are noise. */
    static final double PSI_LIMIT = 10;

    /** What the checks need to know of the model. */
    public record Model(int numWs, int classes) {}

    public static GenerateQuery parse(String rawQuery, Model model) {
        Map<String, String> p = params(rawQuery);
        for (String name : p.keySet())
            if (!NAMES.contains(name)) throw new IllegalArgumentException("unknown parameter '" + name + "'; known: " + String.join(", ", NAMES.stream().sorted().toList()));
        if (!p.containsKey("seed")) throw new IllegalArgumentException("seed is required (an integer 0..4294967295)");
        Latent latent = seed(p, "seed");

        double psi = p.containsKey("psi") ? number(p, "psi", -PSI_LIMIT, PSI_LIMIT) : 1;
        Integer cutoff = p.containsKey("cutoff") ? (int) integer(p, "cutoff", 0, model.numWs()) : null;
        Render r = Render.DEFAULT.withTruncation(psi, cutoff);

        if (p.containsKey("noise")) {
            String n = p.get("noise").trim().toUpperCase(Locale.ROOT);
            if (!Set.of("CONST", "RANDOM", "NONE").contains(n))
                throw new IllegalArgumentException("noise must be const, random or none, got '" + p.get("noise") + "'");
            r = r.withNoise(NoiseMode.valueOf(n));
        }
        if (p.containsKey("noise-seed")) {
            if (r.noise() != NoiseMode.RANDOM) throw new IllegalArgumentException("noise-seed needs noise=random");
            r = r.withRandomNoise(integer(p, "noise-seed", 0, 0xffffffffL));
        }

        if (model.classes() > 0) {
            if (!p.containsKey("class"))
                throw new IllegalArgumentException("class is required: this model is conditional on " + model.classes() + " classes (0.." + (model.classes() - 1) + ")");
            r = r.withClass((int) integer(p, "class", 0, model.classes() - 1));
        } else if (p.containsKey("class")) {
            throw new IllegalArgumentException("class is for conditional models; this one is unconditional");
        }

        if (p.containsKey("mix-seed")) {
            Layers layers;
            try {
                layers = Layers.parse(p.getOrDefault("mix-layers", "coarse"));
                layers.indices(model.numWs());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mix-layers: " + e.getMessage());
            }
            r = r.withMix(seed(p, "mix-seed"), layers);
        } else if (p.containsKey("mix-layers")) {
            throw new IllegalArgumentException("mix-layers needs mix-seed, the seed whose styles to take");
        }

        if (p.containsKey("to-seed")) {
            double t = p.containsKey("t") ? number(p, "t", 0, 1) : 0;
            latent = Latent.lerp(latent, seed(p, "to-seed"), t);
        } else if (p.containsKey("t")) {
            throw new IllegalArgumentException("t needs to-seed, the seed to interpolate towards");
        }
        return new GenerateQuery(latent, r);
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) return out;
        if (rawQuery.length() > 1000) throw new IllegalArgumentException("the query is longer than 1000 characters");
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name, value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the query is not valid URL encoding");
            }
            if (out.put(name, value) != null) throw new IllegalArgumentException("parameter '" + name + "' is given twice");
        }
        return out;
    }

    private static Latent seed(Map<String, String> p, String name) {
        return Latent.seed(integer(p, name, 0, 0xffffffffL));
    }

    private static long integer(Map<String, String> p, String name, long min, long max) {
        String v = p.get(name).trim();
        long x;
        try {
            x = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer " + min + ".." + max + ", got '" + abbreviate(p.get(name)) + "'");
        }
        if (x < min || x > max) throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + x);
        return x;
    }

    private static double number(Map<String, String> p, String name, double min, double max) {
        double x;
        try {
            x = Double.parseDouble(p.get(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number " + min + ".." + max + ", got '" + abbreviate(p.get(name)) + "'");
        }
        if (!(x >= min && x <= max)) throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + p.get(name).trim());
        return x;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
