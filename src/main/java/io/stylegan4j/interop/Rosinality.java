package io.stylegan4j.interop;

import io.stylegan4j.model.Architecture;
import io.stylegan4j.model.DiscriminatorConfig;
import io.stylegan4j.model.GeneratorConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * rosinality/stylegan2-pytorch checkpoints: convert_weight.py's {@code {g_ema, latent_avg}} and train.py's
 * {@code {g, d, g_ema, g_optim, d_optim, args, ada_aug_p}}, state dicts renamed to the official names. Its
 * parametrisation is the official one (equalized lr with the same gains, style biases initialised to 1), so weights
 * carry over as they are; only layouts differ (a leading 1 on conv weights, [1, C, 1, 1] biases, [1] noise strengths).
 * Widths are read from the tensor shapes, since rosinality's channel table is not the official formula in general.
 * The blur and up-sampling kernels must be the [1,3,3,1] filter (any scale), which our layers hold as a constant.
 */
final class Rosinality {
    private Rosinality() {}

    static boolean looksLike(Object root) {
        return root instanceof Map<?, ?> m && m.containsKey("g_ema");
    }

    static ForeignCheckpoint convert(Map<?, ?> root, String source) {
        Map<String, TensorData> gEmaSrc = stateDict(root, "g_ema", source);
        boolean train = root.containsKey("g") || root.containsKey("d");
        if (train)
            for (String k : new String[] {"g", "d"})
                if (!root.containsKey(k))
                    throw new InteropException(source + ": a rosinality train.py checkpoint without '" + k + "' (found keys " + root.keySet() + ")");
        GeneratorConfig gCfg = generatorConfig(gEmaSrc, source);
        Map<String, TensorData> gEma = generator(gEmaSrc, gCfg, source);
        if (root.get("latent_avg") != null) {
            if (!(root.get("latent_avg") instanceof TensorData avg)) throw new InteropException(source + ": latent_avg is not a tensor");
            gEma.put("mapping.w_avg", avg.reshape("latent_avg", gCfg.wDim()));
        }
        Map<String, TensorData> g = null, d = null;
        DiscriminatorConfig dCfg = null;
        if (train) {
            g = generator(stateDict(root, "g", source), gCfg, source);
            Map<String, TensorData> dSrc = stateDict(root, "d", source);
            dCfg = discriminatorConfig(dSrc, gCfg, source);
            d = discriminator(dSrc, dCfg, source);
        }
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("layout", train ? "train.py {g, d, g_ema, g_optim, d_optim, args, ada_aug_p}" : "convert_weight.py {g_ema, latent_avg}");
        if (root.get("args") instanceof PyValues.Instance args) about.put("args", Values.json(args.attrs, "args"));
        if (root.containsKey("ada_aug_p")) about.put("ada_aug_p", root.get("ada_aug_p"));
        about.put("channels", gCfg.channelTable());
        if (!gEma.containsKey("mapping.w_avg"))
            about.put("w_avg", "none in the file: the mean W of " + ForeignCheckpoint.W_AVG_SAMPLES + " latents (seed "
                    + ForeignCheckpoint.W_AVG_SEED + "), as rosinality's generate.py computes mean_latent");
        return new ForeignCheckpoint("rosinality stylegan2-pytorch checkpoint", source, gCfg, gEma, g, dCfg, d, about);
    }

    private static Map<String, TensorData> stateDict(Map<?, ?> root, String key, String source) {
        Object o = root.get(key);
        if (!(o instanceof Map<?, ?> m)) throw new InteropException(source + ": '" + key + "' is a " + PyValues.typeName(o) + ", not a state dict");
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof TensorData t))
                throw new InteropException(source + ": " + key + "." + e.getKey() + " is a " + PyValues.typeName(e.getValue()) + ", not a tensor");
            out.put(Values.str(e.getKey(), key + " key"), t);
        }
        return out;
    }

    private static TensorData need(Map<String, TensorData> sd, String name, String source) {
        TensorData t = sd.get(name);
        if (t == null) throw new InteropException(source + ": rosinality state dict is missing '" + name + "'");
        return t;
    }

    private static GeneratorConfig generatorConfig(Map<String, TensorData> sd, String source) {
        int nMlp = 0;
        while (sd.containsKey("style." + (nMlp + 1) + ".weight")) nMlp++;
        if (nMlp == 0) throw new InteropException(source + ": rosinality state dict is missing 'style.1.weight' (the mapping network)");
        long[] fc = need(sd, "style.1.weight", source).shape();
        long[] input = need(sd, "input.input", source).shape();
        if (input.length != 4) throw new InteropException(source + ": input.input has shape " + need(sd, "input.input", source));
        Map<Integer, Integer> channels = new TreeMap<>();
        channels.put(4, (int) input[1]);
        int res = 4;
        for (int k = 0; sd.containsKey("convs." + (2 * k) + ".conv.weight"); k++) {
            res = 8 << k;
            channels.put(res, (int) sd.get("convs." + (2 * k) + ".conv.weight").shape()[1]);
        }
        int imgChannels = (int) need(sd, "to_rgb1.conv.weight", source).shape()[1];
        return new GeneratorConfig((int) fc[1], 0, (int) fc[0], res, imgChannels, nMlp, 0.01, 0.995, 32768, 512,
                Architecture.SKIP, true, null, channels);
    }

    private static final Pattern STYLE = Pattern.compile("style\\.(\\d+)\\.(weight|bias)");
    private static final Pattern CONV = Pattern.compile("(conv1|convs\\.(\\d+)|to_rgb1|to_rgbs\\.(\\d+))\\.(.+)");
    private static final Pattern NOISE = Pattern.compile("noises\\.noise_(\\d+)");

    private static Map<String, TensorData> generator(Map<String, TensorData> sd, GeneratorConfig cfg, String source) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : sd.entrySet()) {
            String n = e.getKey();
            TensorData v = e.getValue();
            Matcher m;
            if ((m = STYLE.matcher(n)).matches()) out.put("mapping.fc" + (Integer.parseInt(m.group(1)) - 1) + "." + m.group(2), v);
            else if (n.equals("input.input")) out.put("synthesis.b4.const", v.first(n));
            else if ((m = NOISE.matcher(n)).matches()) {
                out.put(ForeignCheckpoint.noiseConstName(Integer.parseInt(m.group(1))), v.first(n).first(n));
            } else if ((m = CONV.matcher(n)).matches()) {
                String layer;
                if (m.group(1).equals("conv1")) layer = "b4.conv1";
                else if (m.group(1).equals("to_rgb1")) layer = "b4.torgb";
                else if (m.group(2) != null) {
                    int j = Integer.parseInt(m.group(2));
                    layer = "b" + (8 << (j / 2)) + (j % 2 == 0 ? ".conv0" : ".conv1");
                } else layer = "b" + (8 << Integer.parseInt(m.group(3))) + ".torgb";
                String p = "synthesis." + layer + ".";
                switch (m.group(4)) {
                    case "conv.weight" -> out.put(p + "weight", v.first(n));
                    case "conv.modulation.weight" -> out.put(p + "affine.weight", v);
                    case "conv.modulation.bias" -> out.put(p + "affine.bias", v);
                    case "noise.weight" -> out.put(p + "noise_strength", v.reshape(n));
                    case "activate.bias" -> out.put(p + "bias", v);
                    case "bias" -> out.put(p + "bias", v.reshape(n, v.numel()));
                    case "conv.blur.kernel", "upsample.kernel" -> checkFir(v, n, source);
                    default -> throw unknown(n, source);
                }
            } else throw unknown(n, source);
        }
        return out;
    }

    private static DiscriminatorConfig discriminatorConfig(Map<String, TensorData> sd, GeneratorConfig g, String source) {
        long[] fromRgb = need(sd, "convs.0.0.weight", source).shape();
        Map<Integer, Integer> channels = new TreeMap<>();
        int res = g.imgResolution();
        channels.put(res, (int) fromRgb[0]);
        for (int k = 1; sd.containsKey("convs." + k + ".conv2.1.weight"); k++) {
            res /= 2;
            channels.put(res, (int) sd.get("convs." + k + ".conv2.1.weight").shape()[0]);
        }
        if (res != 4) throw new InteropException(source + ": the discriminator's blocks end at " + res + "x" + res + ", not 4x4");
        return new DiscriminatorConfig(0, g.imgResolution(), (int) fromRgb[1], 32768, 512, Architecture.RESNET, 4, 1, null, channels, null, null);
    }

    private static final Pattern RES = Pattern.compile("convs\\.(\\d+)\\.(conv1\\.0\\.weight|conv1\\.1\\.bias|conv2\\.1\\.weight|conv2\\.2\\.bias|skip\\.1\\.weight|conv2\\.0\\.kernel|skip\\.0\\.kernel)");

    private static Map<String, TensorData> discriminator(Map<String, TensorData> sd, DiscriminatorConfig cfg, String source) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        int top = cfg.imgResolution();
        for (Map.Entry<String, TensorData> e : sd.entrySet()) {
            String n = e.getKey();
            TensorData v = e.getValue();
            Matcher m;
            switch (n) {
                case "convs.0.0.weight" -> out.put("b" + top + ".fromrgb.weight", v);
                case "convs.0.1.bias" -> out.put("b" + top + ".fromrgb.bias", v);
                case "final_conv.0.weight" -> out.put("b4.conv.weight", v);
                case "final_conv.1.bias" -> out.put("b4.conv.bias", v);
                case "final_linear.0.weight" -> out.put("b4.fc.weight", v);
                case "final_linear.0.bias" -> out.put("b4.fc.bias", v);
                case "final_linear.1.weight" -> out.put("b4.out.weight", v);
                case "final_linear.1.bias" -> out.put("b4.out.bias", v);
                default -> {
                    if (!(m = RES.matcher(n)).matches()) throw unknown(n, source);
                    String b = "b" + (top >> (Integer.parseInt(m.group(1)) - 1)) + ".";
                    switch (m.group(2)) {
                        case "conv1.0.weight" -> out.put(b + "conv0.weight", v);
                        case "conv1.1.bias" -> out.put(b + "conv0.bias", v);
                        case "conv2.1.weight" -> out.put(b + "conv1.weight", v);
                        case "conv2.2.bias" -> out.put(b + "conv1.bias", v);
                        case "skip.1.weight" -> out.put(b + "skip.weight", v);
                        default -> checkFir(v, n, source);
                    }
                }
            }
        }
        return out;
    }

    /** rosinality stores the blur kernels scaled (x4 where they follow an up-sampling); only their shape matters to us. */
    private static void checkFir(TensorData k, String name, String source) {
        float[] f = {1, 3, 3, 1};
        if (k.shape().length != 2 || k.shape()[0] != 4 || k.shape()[1] != 4)
            throw new InteropException(source + ": " + name + " is not a 4x4 blur kernel");
        double sum = 0;
        for (float x : k.data()) sum += x;
        for (int i = 0; i < 16; i++)
            if (Math.abs(k.data()[i] / sum - f[i / 4] * f[i % 4] / 64.0) > 1e-6)
                throw new InteropException(source + ": " + name + " is not the [1,3,3,1] blur kernel; custom kernels are not supported");
    }

    private static InteropException unknown(String name, String source) {
        return new InteropException(source + ": rosinality tensor '" + name + "' has no official counterpart");
    }
}
