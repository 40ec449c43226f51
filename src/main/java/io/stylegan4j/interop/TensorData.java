package io.stylegan4j.interop;

import io.stylegan4j.ops.Engine;
import io.stylegan4j.ops.Tensors;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * One tensor of a foreign checkpoint as float32 in C order: a view into the file's bytes where the stored tensor was
 * contiguous float32 (no copy on the way), else a converted array. It becomes a libtorch tensor only when loaded.
 */
public record TensorData(long[] shape, FloatBuffer values) {

    TensorData(long[] shape, float[] data) {
        this(shape, FloatBuffer.wrap(data));
    }

    public TensorData {
        long n = 1;
        for (long d : shape) n *= d;
        if (n != values.remaining()) throw new InteropException("a tensor of shape " + Arrays.toString(shape) + " given " + values.remaining() + " values");
    }

    /** The values as a new array (the view stays untouched). */
    public float[] data() {
        float[] out = new float[values.remaining()];
        values.duplicate().get(out);
        return out;
    }

    /** torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]). */
    static TensorData rebuild(Object[] args) {
        Values.args(args, 6, 7, "torch._utils._rebuild_tensor_v2");
        if (!(args[0] instanceof Storage s))
            throw new InteropException("_rebuild_tensor_v2 got a " + PyValues.typeName(args[0]) + " where a storage belongs");
        long offset = Values.toLong(args[1], "storage offset");
        long[] shape = Values.longs(Values.tuple(args[2], "tensor size"), "tensor size");
        long[] stride = Values.longs(Values.tuple(args[3], "tensor stride"), "tensor stride");
        if (shape.length != stride.length) throw new InteropException("a tensor's size and stride differ in length");
        return new TensorData(shape, s.gather(offset, shape, stride));
    }

    public long numel() {
        return values.remaining();
    }

    /** One copy, straight from the view into the new tensor's memory. */
    Tensor toTensor(Device device) {
        Tensor t = torch.empty(shape, Tensors.options(Engine.device("cpu")), null);
        if (numel() > 0) t.data_ptr_float().capacity(numel()).asBuffer().put(values.duplicate());
        return device.is_cpu() ? t : t.to(device, ScalarType.Float);
    }

    /** The same data under another shape of equal size (e.g. rosinality's [1, C, 1, 1] bias as [C]). */
    TensorData reshape(String name, long... to) {
        long n = 1;
        for (long d : to) n *= d;
        if (n != numel()) throw new InteropException(name + " has shape " + this + ", expected " + n + " values as " + Arrays.toString(to));
        return new TensorData(to, values);
    }

    /** t[0] of a tensor whose first dimension is 1 (TF's [1, C, 4, 4] const, rosinality's [1, O, I, k, k] weights). */
    TensorData first(String name) {
        if (shape.length == 0 || shape[0] != 1) throw new InteropException(name + " has shape " + this + ", expected a leading 1");
        return new TensorData(Arrays.copyOfRange(shape, 1, shape.length), values);
    }

    /** A 2-D transpose: TF's [in, out] dense weights and [w, I] styles to torch's [out, in]. */
    TensorData transpose(String name) {
        if (shape.length != 2) throw new InteropException(name + " has shape " + this + ", expected 2 dimensions");
        int r = (int) shape[0], c = (int) shape[1];
        float[] data = data(), out = new float[data.length];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++) out[j * r + i] = data[i * c + j];
        return new TensorData(new long[] {c, r}, out);
    }

    /** TF conv weights [kh, kw, I, O] to torch [O, I, kh, kw]; {@code flip} mirrors the kernel (TF's transposed convs). */
    TensorData tfConv(String name, boolean flip) {
        if (shape.length != 4) throw new InteropException(name + " has shape " + this + ", expected [kh, kw, in, out]");
        int kh = (int) shape[0], kw = (int) shape[1], in = (int) shape[2], o = (int) shape[3];
        float[] data = data(), out = new float[data.length];
        for (int y = 0; y < kh; y++)
            for (int x = 0; x < kw; x++)
                for (int i = 0; i < in; i++)
                    for (int j = 0; j < o; j++) {
                        int sy = flip ? kh - 1 - y : y, sx = flip ? kw - 1 - x : x;
                        out[((j * in + i) * kh + y) * kw + x] = data[((sy * kw + sx) * in + i) * o + j];
                    }
        return new TensorData(new long[] {o, in, kh, kw}, out);
    }

    TensorData plus(float v) {
        float[] out = data();
        for (int i = 0; i < out.length; i++) out[i] += v;
        return new TensorData(shape, out);
    }

    static TensorData scalar(double v) {
        return new TensorData(new long[0], new float[] {(float) v});
    }

    @Override
    public String toString() {
        return Arrays.toString(shape);
    }
}
