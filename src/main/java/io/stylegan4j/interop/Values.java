package io.stylegan4j.interop;

import java.math.BigInteger;
import java.util.Map;

/** Typed access to unpickled Python values: a value of the wrong type is an {@link InteropException}, never a cast error. */
final class Values {
    private Values() {}

    static long toLong(Object o, String what) {
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) return ((Number) o).longValue();
        if (o instanceof BigInteger b && b.bitLength() < 63) return b.longValue();
        throw new InteropException(what + " should be an int, found " + PyValues.typeName(o));
    }

    static int toInt(Object o, String what) {
        long v = toLong(o, what);
        if (v != (int) v) throw new InteropException(what + " is out of range (" + v + ")");
        return (int) v;
    }

    static long[] longs(Object[] t, String what) {
        long[] out = new long[t.length];
        for (int i = 0; i < t.length; i++) out[i] = toLong(t[i], what);
        return out;
    }

    static Object[] tuple(Object o, String what) {
        if (o instanceof Object[] t) return t;
        throw new InteropException(what + " should be a tuple, found " + PyValues.typeName(o));
    }

    static Map<?, ?> dict(Object o, String what) {
        if (o instanceof Map<?, ?> m) return m;
        throw new InteropException(what + " should be a dict, found " + PyValues.typeName(o));
    }

    static String str(Object o, String what) {
        if (o instanceof String s) return s;
        throw new InteropException(what + " should be a str, found " + PyValues.typeName(o));
    }

    static Object[] args(Object[] args, int min, int max, String callable) {
        if (args == null || args.length < min || args.length > max)
            throw new InteropException(callable + " called with " + (args == null ? 0 : args.length) + " arguments, expected "
                    + (min == max ? String.valueOf(min) : min + ".." + max));
        return args;
    }

    private static final com.fasterxml.jackson.databind.node.JsonNodeFactory NODES = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    private static final int MAX_JSON_DEPTH = 16;

    /** Plain Python data (dicts, lists, tuples, str, numbers, bools, None) as JSON; anything else, or a cycle, is refused. */
    static com.fasterxml.jackson.databind.JsonNode json(Object o, String what) {
        return json(o, what, 0);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(Object o, String what, int depth) {
        if (depth > MAX_JSON_DEPTH) throw new InteropException(what + " is nested deeper than " + MAX_JSON_DEPTH + " levels");
        if (o == null) return NODES.nullNode();
        if (o instanceof String s) return NODES.textNode(s);
        if (o instanceof Boolean b) return NODES.booleanNode(b);
        if (o instanceof Double d) return NODES.numberNode(d);
        if (o instanceof Integer || o instanceof Long) return NODES.numberNode(((Number) o).longValue());
        if (o instanceof BigInteger b) return NODES.numberNode(b);
        if (o instanceof Map<?, ?> m) {
            var node = NODES.objectNode();
            for (Map.Entry<?, ?> e : m.entrySet()) node.set(String.valueOf(e.getKey() instanceof String k ? k : PyValues.typeName(e.getKey())),
                    json(e.getValue(), what, depth + 1));
            return node;
        }
        Iterable<?> items = o instanceof Object[] t ? java.util.Arrays.asList(t) : o instanceof java.util.Collection<?> c ? c : null;
        if (items == null) throw new InteropException(what + " holds a " + PyValues.typeName(o) + ", not plain data");
        var arr = NODES.arrayNode();
        for (Object x : items) arr.add(json(x, what, depth + 1));
        return arr;
    }
}
