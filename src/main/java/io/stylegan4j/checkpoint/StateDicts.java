package io.stylegan4j.checkpoint;

import io.stylegan4j.io.SafeTensors;
import io.stylegan4j.io.SafeTensorsWriter;
import io.stylegan4j.ops.Tensors;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/** Bridges safetensors files and named tensor maps (state dicts). */
public final class StateDicts {
    private StateDicts() {}

    /** Every tensor of {@code file} whose name starts with {@code prefix}, the prefix stripped, as float32 on {@code device}. */
    public static Map<String, Tensor> read(SafeTensors file, String prefix, Device device) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : file.names()) {
            if (!name.startsWith(prefix)) continue;
            SafeTensors.Entry e = file.get(name);
            out.put(name.substring(prefix.length()), Tensors.fromFloats(e.toFloatArray(), e.shape(), device));
        }
        return out;
    }

    /** One tensor of {@code file} as float32 on {@code device}. */
    public static Tensor tensor(SafeTensors file, String name, Device device) {
        SafeTensors.Entry e = file.get(name);
        return Tensors.fromFloats(e.toFloatArray(), e.shape(), device);
    }

    /** Adds every tensor of {@code dict} as F32 under {@code prefix + name}. */
    public static SafeTensorsWriter put(SafeTensorsWriter w, String prefix, Map<String, Tensor> dict) {
        dict.forEach((k, t) -> w.put(prefix + k, "F32", Tensors.shape(t), Tensors.toFloats(t)));
        return w;
    }
}
