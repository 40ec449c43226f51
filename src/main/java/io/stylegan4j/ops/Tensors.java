package io.stylegan4j.ops;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** Small, allocation-explicit bridges between Java arrays and libtorch tensors, and shape checks. */
public final class Tensors {
    private Tensors() {}

    public static Tensor fromFloats(float[] data, long... shape) {
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (n != data.length)
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got " + data.length);
        try (FloatPointer p = new FloatPointer(data)) {
            return torch.from_blob(p, shape, new TensorOptions(ScalarType.Float)).clone();
        }
    }

    public static Tensor fromFloats(float[] data, long[] shape, Device device) {
        Tensor t = fromFloats(data, shape);
        return device.is_cpu() ? t : t.to(device, ScalarType.Float);
    }

    /** int values as an int64 tensor (class labels, indices) on {@code device}. */
    public static Tensor fromLongs(int[] data, Device device) {
        long[] v = Arrays.stream(data).asLongStream().toArray();
        try (org.bytedeco.javacpp.LongPointer p = new org.bytedeco.javacpp.LongPointer(v)) {
            Tensor t = torch.from_blob(p, new long[] {v.length}, new TensorOptions(ScalarType.Long)).clone();
            return device.is_cpu() ? t : t.to(device, ScalarType.Long);
        }
    }

    /** uint8 NCHW pixels -> float images in [-1, 1] on {@code device}, the range the networks see (x / 127.5 - 1). */
    public static Tensor imagesFromUint8(byte[] pixels, long[] nchw, Device device) {
        try (org.bytedeco.javacpp.BytePointer p = new org.bytedeco.javacpp.BytePointer(pixels)) {
            Tensor u8 = torch.from_blob(p, nchw, new TensorOptions(ScalarType.Byte));
            return u8.to(device, ScalarType.Float).div(scalar(127.5)).sub(scalar(1));
        }
    }

    /** Class indices [N] (int64) -> one-hot float labels [N, count], the c that conditional G and D take. */
    public static Tensor oneHot(Tensor classes, int count) {
        return torch.one_hot(classes, count).to(ScalarType.Float);
    }

    public static Tensor oneHot(int[] classes, int count, Device device) {
        return oneHot(fromLongs(classes, device), count);
    }

    public static float[] toFloats(Tensor t) {
        Tensor c = t.detach().cpu().to(ScalarType.Float).contiguous();
        float[] out = new float[(int) c.numel()];
        c.data_ptr_float().get(out);
        return out;
    }

    /** float64 values as a float64 CPU tensor (metric statistics are kept in float64). */
    public static Tensor fromDoubles(double[] data, long... shape) {
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (n != data.length)
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got " + data.length);
        try (org.bytedeco.javacpp.DoublePointer p = new org.bytedeco.javacpp.DoublePointer(data)) {
            return torch.from_blob(p, shape, new TensorOptions(ScalarType.Double)).clone();
        }
    }

    public static double[] toDoubles(Tensor t) {
        Tensor c = t.detach().cpu().to(ScalarType.Double).contiguous();
        double[] out = new double[(int) c.numel()];
        c.data_ptr_double().get(out);
        return out;
    }

    public static double item(Tensor t) {
        return t.detach().cpu().to(ScalarType.Double).item_double();
    }

    public static long[] shape(Tensor t) {
        long[] s = new long[(int) t.dim()];
        for (int i = 0; i < s.length; i++) s[i] = t.size(i);
        return s;
    }

    /** Fails fast at a module boundary; -1 in {@code expected} matches any size. */
    public static Tensor assertShape(Tensor t, String what, long... expected) {
        long[] s = shape(t);
        boolean ok = s.length == expected.length;
        for (int i = 0; ok && i < s.length; i++) ok = expected[i] < 0 || expected[i] == s[i];
        if (!ok)
            throw new IllegalArgumentException(what + ": expected shape " + Arrays.toString(expected).replace("-1", "*")
                    + ", got " + Arrays.toString(s));
        return t;
    }

    public static Scalar scalar(double v) {
        return new Scalar(v);
    }

    public static ScalarOptional scalarOpt(double v) {
        return new ScalarOptional(new Scalar(v));
    }

    public static TensorOptions options(Device device) {
        return new TensorOptions(ScalarType.Float).device(new org.bytedeco.pytorch.DeviceOptional(device));
    }

    public static TensorOptions options(Device device, ScalarType dtype) {
        return new TensorOptions(dtype).device(new org.bytedeco.pytorch.DeviceOptional(device));
    }

    /**
     * d(outputs . gradOutputs)/d(inputs). With {@code createGraph} the result keeps its graph, so a penalty on it
     * (R1, path length) can be backpropagated into the parameters: the second-order gradient.
     */
    public static Tensor[] grad(Tensor output, Tensor gradOutput, boolean createGraph, Tensor... inputs) {
        TensorVector g = torch.grad(new TensorVector(output), new TensorVector(inputs), new TensorVector(gradOutput),
                new BoolOptional(true), createGraph, false);
        Tensor[] out = new Tensor[inputs.length];
        // get(i) is a view into the vector's storage (@ByRef): copy the handle so the result outlives the vector.
        for (int i = 0; i < out.length; i++) out[i] = new Tensor(g.get(i));
        return out;
    }

    /**
     * As {@link #grad} for many inputs at once; an input the output does not depend on gets zeros (libtorch
     * returns an undefined tensor for it).
     */
    public static Tensor[] gradAllowUnused(Tensor output, boolean createGraph, Tensor... inputs) {
        TensorVector g = torch.grad(new TensorVector(output), new TensorVector(inputs), new TensorVector(torch.ones_like(output)),
                new BoolOptional(true), createGraph, true);
        Tensor[] out = new Tensor[inputs.length];
        for (int i = 0; i < out.length; i++) {
            Tensor t = new Tensor(g.get(i));
            out[i] = t.defined() ? t : torch.zeros_like(inputs[i]);
        }
        return out;
    }

    /**
     * The tensors joined along {@code dim}; one tensor comes back as itself. Never {@code vector.get(i)}: that is a
     * reference into the vector's own storage ({@code @ByRef}), which dangles once the vector is freed (by its scope,
     * or by the garbage collector's deallocator thread as soon as the vector is unreachable).
     */
    public static Tensor cat(java.util.List<Tensor> parts, long dim) {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to concatenate");
        if (parts.size() == 1) return parts.get(0);
        return torch.cat(new TensorVector(parts.toArray(new Tensor[0])), dim);
    }

    public static String describe(Tensor t) {
        return Arrays.toString(shape(t)) + " " + t.scalar_type();
    }
}
