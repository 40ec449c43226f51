package io.stylegan4j.metrics.ls;

import io.stylegan4j.TestSupport;
import io.stylegan4j.data.ProceduralDataset;
import io.stylegan4j.data.ShapeKind;
import io.stylegan4j.ops.StepScope;
import io.stylegan4j.ops.Tensors;
import io.stylegan4j.train.Adam;
import java.util.*;
import org.bytedeco.pytorch.*;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * docs/learning probe (not part of the suite): a plain CNN (six 3x3 convs of 32, 32, 64, 64, 64, 64 channels, 2x2 average
 * pooling after each pair, leaky ReLU 0.2, Kaiming init, no equalized lr, no blur, no skips) learning "is this a
 * square?" on the built-in shapes, against train-classifier's StyleGAN2-discriminator classifiers (ZzProbeKinds).
 * Run: copy into src/test/java/io/stylegan4j/metrics/ls/ and
 * {@code mvn test -Dtest=ZzProbeCnn -Dprobe.pool=true|false -Dprobe.lr=0.001 -Dprobe.kimg=50}; {@code -Dprobe.dlike=true}
 * builds the plain weights in StyleGAN2 D's layout instead (1x1 fromRGB, strided 3x3 convs down to 4x4, 3x3 conv, two FC),
 * varied by -Dprobe.avgdown, -Dprobe.rgb3 and -Dprobe.head8 (see forwardDLike), and given StyleGAN2 D's parts one at a
 * time by -Dprobe.eq, -Dprobe.bias, -Dprobe.blur and -Dprobe.res, or a global-average head by -Dprobe.gap; -Dprobe.seed picks the init and the minibatches.
 * h200-probes.sh ran it on a GPU, four seeds per variant, as a main class (class ZzProbeMain with a main() calling
 * probe(), the device from -Dprobe.device and the parameters moved there; h200-probes-log.txt).
 */
class ZzProbeCnn {
    static final Device CPU = TestSupport.cpu();
    Map<String, Tensor> p = new LinkedHashMap<>();

    // -Dprobe.eq=true: StyleGAN2's equalized learning rate: N(0, 1) weights scaled by 1/sqrt(fan-in) at run time, zero
    // biases, leaky ReLU times sqrt(2)
    static final boolean EQ = Boolean.getBoolean("probe.eq");
    // -Dprobe.blur=true: the [1,3,3,1] blur before each strided conv (pad 2, then a 3x3 conv at stride 2, as the official down=2)
    static final boolean BLUR = Boolean.getBoolean("probe.blur");
    // -Dprobe.res=true: the resnet shortcut (blur, 1x1 conv at stride 2, no bias) with both branches times sqrt(0.5)
    static final boolean RES = Boolean.getBoolean("probe.res");
    // -Dprobe.bias=true: zero-initialized biases without the equalized lr (probe.eq has them anyway)
    static final boolean BIAS = EQ || Boolean.getBoolean("probe.bias");
    // -Dprobe.gap=true: D's 4x4 head averages its conv's features over the positions before the two FC layers
    static final boolean GAP = Boolean.getBoolean("probe.gap");
    final io.stylegan4j.ops.Fir fir = io.stylegan4j.ops.Fir.binomial(CPU);
    Map<String, Double> gains = new HashMap<>();

    Tensor param(String n, long... shape) {
        long fanIn = 1;
        for (int i = 1; i < shape.length; i++) fanIn *= shape[i];
        gains.put(n, EQ ? 1 / Math.sqrt(fanIn) : 1.0);
        if (BIAS) {
            Tensor b = torch.zeros(shape[0]).requires_grad_(true);
            b.retainReference();
            p.put(n + ".b", b);
        }
        Tensor t = torch.randn(shape).mul(Tensors.scalar(EQ ? 1 : Math.sqrt(2.0 / fanIn))).requires_grad_(true);
        t.retainReference();
        p.put(n, t);
        return t;
    }

    Tensor conv(Tensor x, String n) {
        return torch.leaky_relu(torch.conv2d(x, p.get(n), new TensorOptional(), new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, 1), Tensors.scalar(0.2));
    }

    Tensor w(String n) {
        return p.get(n).mul(Tensors.scalar(gains.get(n)));
    }

    TensorOptional b(String n) {
        return BIAS ? new TensorOptional(p.get(n + ".b")) : new TensorOptional();
    }

    Tensor act(Tensor x, double gain) {
        return torch.leaky_relu(x, Tensors.scalar(0.2)).mul(Tensors.scalar((EQ ? Math.sqrt(2) : 1) * gain));
    }

    Tensor conv(Tensor x, String n, int stride, int pad) {
        return conv(x, n, stride, pad, 1);
    }

    Tensor conv(Tensor x, String n, int stride, int pad, double gain) {
        if (BLUR && stride == 2) {
            x = io.stylegan4j.ops.Upfirdn2d.upfirdn2d(x, fir, 1, 1, new int[] {2, 2, 2, 2}, false, 1);
            pad = 0;
        }
        return act(torch.conv2d(x, w(n), b(n), new long[] {stride, stride}, new long[] {pad, pad}, new long[] {1, 1}, 1), gain);
    }

    /** The resnet shortcut: (blur and) a 1x1 conv at stride 2, linear, no bias. */
    Tensor skip(Tensor x, String n) {
        if (BLUR) x = io.stylegan4j.ops.Upfirdn2d.downsample2d(x, fir);
        else x = x.slice(2, new LongOptional(0), new LongOptional(Long.MAX_VALUE), 2).slice(3, new LongOptional(0), new LongOptional(Long.MAX_VALUE), 2);
        return torch.conv2d(x, w(n), new TensorOptional(), new long[] {1, 1}, new long[] {0, 0}, new long[] {1, 1}, 1).mul(Tensors.scalar(Math.sqrt(0.5)));
    }

    /** StyleGAN2 D's layout with plain weights: 1x1 fromRGB, per resolution a 3x3 conv and a strided 3x3 conv down to 4x4, a 3x3 conv, two FC. */
    Tensor forwardDLike(Tensor x) {
        // -Dprobe.rgb3=true: a 3x3 fromRGB; -Dprobe.head8=true: stop at 8x8 (no b8 block, no 4x4 conv) and end with one linear layer
        boolean head8 = Boolean.getBoolean("probe.head8");
        x = Boolean.getBoolean("probe.rgb3") ? conv(x, "rgb", 1, 1) : conv(x, "rgb", 1, 0);
        for (String b : head8 ? new String[] {"b32", "b16"} : new String[] {"b32", "b16", "b8"}) {
            Tensor in = x;
            x = conv(x, b + "c0", 1, 1);
            // -Dprobe.avgdown=true: a 3x3 conv then 2x2 average pooling instead of the strided 3x3 conv
            x = Boolean.getBoolean("probe.avgdown") ? torch.avg_pool2d(conv(x, b + "c1", 1, 1), new long[] {2, 2}) : conv(x, b + "c1", 2, 1, RES ? Math.sqrt(0.5) : 1);
            if (RES) x = x.add(skip(in, b + "s"));
        }
        if (head8) return torch.linear(x.flatten(1, 3), p.get("headB"), new TensorOptional()).flatten();
        x = conv(x, "e", 1, 1);
        x = GAP ? x.mean(new long[] {2, 3}) : x.flatten(1, 3);
        x = act(torch.linear(x, w("fc"), b("fc")), 1);
        return torch.linear(x, w("out"), b("out")).flatten();
    }

    Tensor forward(Tensor x, boolean pool) {
        if (Boolean.getBoolean("probe.dlike")) return forwardDLike(x);
        x = conv(conv(x, "w1"), "w2");
        x = torch.avg_pool2d(x, new long[] {2, 2});
        x = conv(conv(x, "w3"), "w4");
        x = torch.avg_pool2d(x, new long[] {2, 2});
        x = conv(conv(x, "w5"), "w6");
        Tensor f = pool ? x.mean(new long[] {2, 3}) : x.flatten(1, 3);
        return torch.linear(f, p.get(pool ? "headA" : "headB"), new TensorOptional()).flatten();
    }

    @Test
    void probe() {
        ProceduralDataset data = new ProceduralDataset(32, 10_000, 0);
        for (boolean pool : new boolean[] {Boolean.parseBoolean(System.getProperty("probe.pool", "true"))}) {
            torch.manual_seed(Long.getLong("probe.seed", 0));
            p.clear();
            param("w1", 32, 3, 3, 3); param("w2", 32, 32, 3, 3); param("w3", 64, 32, 3, 3); param("w4", 64, 64, 3, 3);
            param("w5", 64, 64, 3, 3); param("w6", 64, 64, 3, 3);
            if (pool) param("headA", 1, 64); else param("headB", 1, 64 * 64);
            if (Boolean.getBoolean("probe.dlike")) {
                p.clear();
                if (Boolean.getBoolean("probe.rgb3")) param("rgb", 32, 3, 3, 3); else param("rgb", 32, 3, 1, 1);
                param("headB", 1, 64 * 64);
                param("b32c0", 32, 32, 3, 3); param("b32c1", 64, 32, 3, 3);
                param("b16c0", 64, 64, 3, 3); param("b16c1", 64, 64, 3, 3);
                param("b8c0", 64, 64, 3, 3); param("b8c1", 64, 64, 3, 3);
                if (RES) { param("b32s", 64, 32, 1, 1); param("b16s", 64, 64, 1, 1); param("b8s", 64, 64, 1, 1); }
                param("e", 64, 64, 3, 3); param("fc", 64, GAP ? 64 : 64 * 16); param("out", 1, 64);
            }
            Adam opt = new Adam(p, new Adam.Settings(Double.parseDouble(System.getProperty("probe.lr", "0.001")), 0.9, 0.999, 1e-8));
            SplittableRandom rnd = new SplittableRandom(Long.getLong("probe.seed", 0));
            long t0 = System.nanoTime();
            for (int s = 0; s < Double.parseDouble(System.getProperty("probe.kimg", "50")) * 1000 / 32; s++) {
                int[] idx = new int[32];
                for (int j = 0; j < 32; j++) { int i; do { i = rnd.nextInt(10_000); } while (i % 10 == 9); idx[j] = i; }
                try (StepScope step = StepScope.training()) {
                    Tensor l = ClassifierTraining.loss(forward(images(data, idx), pool), labels(data, idx), CPU);
                    opt.zeroGrad();
                    l.backward();
                    opt.step();
                }
            }
            int correct = 0, n = 0, present = 0;
            int[] held = java.util.stream.IntStream.range(0, 10_000).filter(i -> i % 10 == 9).toArray();
            for (int from = 0; from < held.length; from += 64) {
                int[] idx = Arrays.copyOfRange(held, from, Math.min(held.length, from + 64));
                try (StepScope step = StepScope.inference()) {
                    correct += ClassifierTraining.correct(Tensors.toFloats(forward(images(data, idx), pool)), labels(data, idx));
                }
                for (int v : labels(data, idx)) present += v;
                n += idx.length;
            }
            System.out.println("PROBE base rate " + Math.max(present, n - present) / (double) n);
            System.out.println("PROBE plain CNN " + (Boolean.getBoolean("probe.dlike") ? "in D's layout" + (Boolean.getBoolean("probe.avgdown") ? " with average-pool downsampling" : "")
                    + (Boolean.getBoolean("probe.rgb3") ? " with a 3x3 fromRGB" : "") + (Boolean.getBoolean("probe.head8") ? " ending at 8x8 in one linear layer" : "") + (EQ ? " +equalized lr" : BIAS ? " +biases" : "") + (BLUR ? " +blur" : "") + (RES ? " +resnet" : "") + (GAP ? " +global average head" : "") : pool ? "global-pool head" : "flatten-FC head") + " square " + System.getProperty("probe.kimg", "50") + " kimg lr " + System.getProperty("probe.lr", "0.001") + " held-out acc " + (double) correct / n
                    + " seed " + Long.getLong("probe.seed", 0) + " on " + n + " in " + (System.nanoTime() - t0) / 1e9 + " s");
        }
    }

    static int[] labels(ProceduralDataset d, int[] idx) {
        int[] y = new int[idx.length];
        for (int i = 0; i < idx.length; i++) y[i] = d.factors(idx[i]).kind() == ShapeKind.SQUARE ? 1 : 0;
        return y;
    }

    static Tensor images(ProceduralDataset d, int[] idx) {
        byte[] px = new byte[idx.length * 3 * 32 * 32];
        for (int i = 0; i < idx.length; i++) System.arraycopy(d.image(idx[i]), 0, px, i * 3072, 3072);
        return Tensors.imagesFromUint8(px, new long[] {idx.length, 3, 32, 32}, CPU);
    }
}
