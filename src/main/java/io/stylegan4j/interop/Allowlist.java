package io.stylegan4j.interop;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;

/**
 * Every global a StyleGAN checkpoint names, each mapped to a constructor of plain data. A pickle naming anything else
 * (os.system, builtins.eval, subprocess.Popen, a module's own class) is refused by {@link SafeUnpickler} before any
 * call; {@code module_src} of persistent objects is kept as text and never run.
 */
final class Allowlist {
    private Allowlist() {}

    static final Map<String, IObjectConstructor> CHECKPOINTS = build();

    private static Map<String, IObjectConstructor> build() {
        Map<String, IObjectConstructor> m = new HashMap<>();
        m.put("collections.OrderedDict", args -> ordered("OrderedDict", args));
        m.put("dnnlib.util.EasyDict", args -> ordered("EasyDict", args));
        m.put("builtins.set", args -> {
            Values.args(args, 0, 1, "set");
            LinkedHashSet<Object> s = new LinkedHashSet<>();
            if (args.length == 1 && args[0] instanceof java.util.Collection<?> c) c.forEach(x -> s.add(SafeUnpickler.hashable(x)));
            else if (args.length == 1) throw new InteropException("set() of a " + PyValues.typeName(args[0]));
            return s;
        });
        // Protocol 2 spells Python 3 bytes as _codecs.encode(str, 'latin1'): a pure function of its arguments.
        m.put("_codecs.encode", args -> {
            Values.args(args, 1, 2, "_codecs.encode");
            String s = Values.str(args[0], "_codecs.encode argument");
            if (args.length == 2 && !"latin1".equals(args[1]) && !"latin-1".equals(args[1]))
                throw new InteropException("_codecs.encode with encoding " + args[1] + " is not supported");
            return s.getBytes(StandardCharsets.ISO_8859_1);
        });
        m.put("torch_utils.persistence._reconstruct_persistent_obj", Allowlist::persistent);
        m.put("torch._utils._rebuild_tensor_v2", TensorData::rebuild);
        m.put("torch._utils._rebuild_parameter", args -> {
            Values.args(args, 2, 3, "torch._utils._rebuild_parameter");
            if (!(args[0] instanceof TensorData t)) throw new InteropException("_rebuild_parameter of a " + PyValues.typeName(args[0]));
            return t;
        });
        m.put("torch.storage._load_from_bytes", args -> {
            Values.args(args, 1, 1, "torch.storage._load_from_bytes");
            PickleInput.Bytes b = PickleInput.Bytes.of(args[0]);
            if (b == null) throw new InteropException("_load_from_bytes of a " + PyValues.typeName(args[0]));
            Object s = LegacyStorage.read(b, "a tensor's storage blob");
            if (!(s instanceof Storage)) throw new InteropException("a storage blob holds a " + PyValues.typeName(s));
            return s;
        });
        for (Storage.Kind k : Storage.Kind.values()) m.put("torch." + k.pythonName, k);
        for (String np : new String[] {"numpy.core", "numpy._core"}) {
            m.put(np + ".multiarray.scalar", Allowlist::numpyScalar);
            m.put(np + ".multiarray._reconstruct", args -> new PyValues.NdArray());
        }
        m.put("numpy.dtype", args -> {
            Values.args(args, 1, 3, "numpy.dtype");
            return new PyValues.Dtype(Values.str(args[0], "numpy dtype"));
        });
        m.put("numpy.ndarray", args -> {
            throw new InteropException("the pickle calls numpy.ndarray directly; arrays come through _reconstruct");
        });
        m.put("dnnlib.tflib.network.Network", args -> new PyValues.Instance("Network"));
        m.put("argparse.Namespace", args -> new PyValues.Instance("Namespace"));
        return Collections.unmodifiableMap(m);
    }

    private static PyValues.Dict ordered(String cls, Object[] args) {
        PyValues.Dict d = new PyValues.Dict(cls);
        if (args != null && args.length == 1 && args[0] instanceof java.util.List<?> pairs)
            for (Object p : pairs) {
                Object[] kv = Values.tuple(p, cls + " item");
                if (kv.length != 2) throw new InteropException(cls + " item of length " + kv.length);
                d.put(SafeUnpickler.hashable(kv[0]), kv[1]);
            }
        else if (args != null && args.length > 0) throw new InteropException(cls + " built from " + PyValues.typeName(args[0]));
        return d;
    }

    /** _reconstruct_persistent_obj(meta): keeps the class name and state; module_src stays text, only its size is kept. */
    private static Object persistent(Object[] args) {
        Values.args(args, 1, 1, "_reconstruct_persistent_obj");
        Map<?, ?> meta = Values.dict(args[0], "persistent object meta");
        if (!"class".equals(meta.get("type")))
            throw new InteropException("persistent object of type " + meta.get("type") + "; only classes are supported");
        String src = meta.get("module_src") instanceof String s ? s : "";
        return new PyValues.Persistent(Values.str(meta.get("class_name"), "class_name"), src.length() + " characters",
                Values.dict(meta.get("state"), "persistent object state"));
    }

    /** numpy.core.multiarray.scalar(dtype, raw bytes): numpy's float64/float32/int scalars, as Java numbers. */
    private static Object numpyScalar(Object[] args) {
        Values.args(args, 2, 2, "numpy scalar");
        if (!(args[0] instanceof PyValues.Dtype d) || !(args[1] instanceof byte[] raw))
            throw new InteropException("numpy scalar needs (dtype, bytes)");
        ByteBuffer b = ByteBuffer.wrap(raw).order(">".equals(d.byteOrder) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int need = switch (d.str) {
            case "f8", "i8", "u8" -> 8;
            case "f4", "i4", "u4" -> 4;
            case "b1", "?", "u1", "i1" -> 1;
            default -> throw new InteropException("numpy scalar of dtype " + d.str + " is not supported");
        };
        if (raw.length != need) throw new InteropException("numpy " + d.str + " scalar with " + raw.length + " bytes");
        return switch (d.str) {
            case "f8" -> b.getDouble();
            case "f4" -> (double) b.getFloat();
            case "i8", "u8" -> b.getLong();
            case "i4" -> (long) b.getInt();
            case "u4" -> b.getInt() & 0xffffffffL;
            case "b1", "?" -> raw[0] != 0;
            default -> (long) (d.str.equals("i1") ? raw[0] : raw[0] & 0xff);
        };
    }
}
