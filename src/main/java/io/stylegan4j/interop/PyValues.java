package io.stylegan4j.interop;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Python values our allowlisted globals turn into; each is plain data, none runs anything. */
final class PyValues {
    private PyValues() {}

    /** Receives a pickle BUILD (Python's {@code __setstate__} or {@code __dict__.update}). */
    interface Stateful {
        void setState(Object state);
    }

    /** collections.OrderedDict and dnnlib.util.EasyDict: an ordered dict; a BUILD adds attributes (torch's _metadata). */
    static final class Dict extends LinkedHashMap<Object, Object> implements Stateful {
        final String pythonClass;

        Dict(String pythonClass) {
            this.pythonClass = pythonClass;
        }

        @Override
        public void setState(Object state) {
            if (!(state instanceof Map) && state != null)
                throw new InteropException("a " + pythonClass + " got a state of type " + typeName(state));
        }
    }

    /** An object whose BUILD state is its attribute dict: argparse.Namespace, dnnlib.tflib.network.Network. */
    static final class Instance implements Stateful {
        final String pythonClass;
        final Map<Object, Object> attrs = new LinkedHashMap<>();

        Instance(String pythonClass) {
            this.pythonClass = pythonClass;
        }

        @Override
        public void setState(Object state) {
            if (!(state instanceof Map<?, ?> m))
                throw new InteropException("a " + pythonClass + " got a state of type " + typeName(state) + ", not a dict");
            m.forEach(attrs::put);
        }

        @Override
        public String toString() {
            return pythonClass + attrs.keySet();
        }
    }

    /** A torch_utils.persistence object: the class name and state, with its embedded source kept as text only. */
    record Persistent(String className, String moduleSrcHead, Map<?, ?> state) {}

    /** numpy.dtype: a type string such as 'f4' and, after BUILD, its byte order. */
    static final class Dtype implements Stateful {
        final String str;
        String byteOrder = "<";

        Dtype(String str) {
            this.str = str;
        }

        @Override
        public void setState(Object state) {
            if (state instanceof Object[] t && t.length > 1 && t[1] instanceof String s) byteOrder = s;
            else throw new InteropException("numpy.dtype got an unexpected state " + typeName(state));
        }
    }

    /** numpy.ndarray rebuilt from (version, shape, dtype, is_fortran, raw bytes). */
    static final class NdArray implements Stateful {
        long[] shape;
        Dtype dtype;
        boolean fortran;
        PickleInput.Bytes raw;

        @Override
        public void setState(Object state) {
            if (!(state instanceof Object[] t) || t.length != 5 || !(t[1] instanceof Object[] shp) || !(t[2] instanceof Dtype d)
                    || PickleInput.Bytes.of(t[4]) == null)
                throw new InteropException("numpy.ndarray has a state this reader does not know (" + typeName(state) + ")");
            shape = Values.longs(shp, "ndarray shape");
            dtype = d;
            fortran = Boolean.TRUE.equals(t[3]);
            raw = PickleInput.Bytes.of(t[4]);
        }
    }

    static String typeName(Object o) {
        if (o == null) return "None";
        if (o instanceof Object[]) return "tuple";
        if (o instanceof Dict d) return d.pythonClass;
        if (o instanceof Instance i) return i.pythonClass;
        if (o instanceof Persistent p) return "persistent " + p.className();
        return o.getClass().getSimpleName();
    }
}
