package io.stylegan4j.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.TestSupport;
import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.ops.Tensors;
import java.nio.file.Path;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 'bgc' pipeline against the official AugmentPipe (torch 1.13, CPU) on the draws the official run recorded
 * (src/test/resources/ada/make_reference.py): same output and same gradient with respect to the input.
 */
class AugmentPipeParityTest {
    private static final Device CPU = TestSupport.cpu();
    private static final SafeTensors REF = SafeTensors.read(Path.of("src/test/resources/ada/bgc.safetensors"));

    /** Hands out the recorded draws in order, checking that each call asks for what the official code drew. */
    static final class Replay implements Draws {
        private final int[] calls;
        private final float[] values;
        private int call, pos;

        Replay(String c) {
            this.calls = toInts(REF.get(c + ".calls").toLongArray());
            this.values = REF.get(c + ".draws").toFloatArray();
        }

        private static int[] toInts(long[] v) {
            int[] out = new int[v.length];
            for (int i = 0; i < v.length; i++) out[i] = (int) v[i];
            return out;
        }

        private float[] next(int kind, int n) {
            assertTrue(call * 2 < calls.length, "more draws than the official pipeline made");
            assertEquals(kind, calls[call * 2], "draw " + call + ": uniform (0) or normal (1)");
            assertEquals(n, calls[call * 2 + 1], "draw " + call + ": count");
            call++;
            float[] out = java.util.Arrays.copyOfRange(values, pos, pos + n);
            pos += n;
            return out;
        }

        @Override
        public float[] uniform(int n) {
            return next(0, n);
        }

        @Override
        public float[] normal(int n) {
            return next(1, n);
        }

        void assertExhausted() {
            assertEquals(calls.length / 2, call, "fewer draws than the official pipeline made");
        }
    }

    private static Tensor tensor(String name) {
        SafeTensors.Entry e = REF.get(name);
        return Tensors.fromFloats(e.toFloatArray(), e.shape(), CPU);
    }

    private static double maxAbsDiff(Tensor a, Tensor b) {
        assertArrayEquals(Tensors.shape(b), Tensors.shape(a), "shape");
        return Tensors.item(a.sub(b).abs().max());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rgb_p06", "gray_p06", "rgb_p1", "rgb_p0"})
    void matchesOfficialOnRecordedDraws(String c) {
        float p = Float.parseFloat(REF.metadata().get(c + ".p"));
        AugmentPipe pipe = new AugmentPipe(AugmentSpec.named("bgc"), p, CPU);
        Tensor x = tensor(c + ".input").requires_grad_(true);
        Replay draws = new Replay(c);
        Tensor y = pipe.apply(x, draws);
        draws.assertExhausted();
        Tensor want = tensor(c + ".output");
        double outErr = maxAbsDiff(y, want);
        Tensor grad = Tensors.grad(y.mul(tensor(c + ".w")).sum(), torch.ones(new long[] {}), false, x)[0];
        double gradErr = maxAbsDiff(grad, tensor(c + ".grad"));
        System.out.printf("augment parity %s: max |out diff| %.3g (out max %.3g), max |grad diff| %.3g%n", c, outErr,
                Tensors.item(want.abs().max()), gradErr);
        assertTrue(outErr < 2e-5, c + ": output differs by " + outErr);
        assertTrue(gradErr < 2e-5, c + ": input gradient differs by " + gradErr);
    }
}
