package io.stylegan4j.interop;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * razorvine's unpickler, restricted so that a pickle can only build data. What it does not do on its own and this
 * class adds: it resolves globals through a per-call allowlist (razorvine's registry is static and silently maps an
 * unknown global to a ClassDict); it keeps dict order (razorvine runs SETITEMS through a HashMap); it routes BUILD to
 * our {@link PyValues.Stateful} values instead of reflective {@code __setstate__}; and it compares every length field with
 * the bytes actually left before anything is allocated, so a size claiming 2^40 bytes is an error, not an
 * OutOfMemoryError. INST/OBJ/EXT and out-of-band buffers are refused outright.
 */
final class SafeUnpickler extends Unpickler {
    private final Map<String, IObjectConstructor> allowed;
    private final Function<Object, Object> persistent;
    private final String source;
    private final PickleInput in;

    /** bytes values at least this long are returned as views, not copies */
    static final int VIEW_THRESHOLD = 1 << 12;

    private SafeUnpickler(PickleInput in, Map<String, IObjectConstructor> allowed, Function<Object, Object> persistent,
                          String source) {
        this.in = in;
        this.allowed = allowed;
        this.persistent = persistent;
        this.source = source;
    }

    /**
     * Loads one pickle from {@code in}, leaving the stream just after its STOP (razorvine never reads ahead).
     * @param persistent maps a persistent id to its object; null where the format has none
     */
    static Object load(PickleInput in, Map<String, IObjectConstructor> allowed, Function<Object, Object> persistent,
                       String source) {
        SafeUnpickler u = new SafeUnpickler(in, allowed, persistent, source);
        try {
            return u.load(in);
        } catch (InteropException e) {
            throw e;
        } catch (IOException e) {
            throw new InteropException(source + ": the pickle is truncated or unreadable (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw new InteropException(source + ": not a valid pickle (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().split("\n")[0]) + ")");
        }
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input), name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop(), module = stack.pop();
                stack.add(resolve(Values.str(module, "STACK_GLOBAL module"), Values.str(name, "STACK_GLOBAL name")));
                return NO_RETURN_VALUE;
            }
            case Opcodes.INST, Opcodes.OBJ, Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4, Opcodes.NEXT_BUFFER, Opcodes.READONLY_BUFFER ->
                    throw new InteropException(source + ": the pickle uses opcode 0x" + Integer.toHexString(key)
                            + ", which no checkpoint format needs; refusing it");
            case Opcodes.EMPTY_DICT -> {
                stack.add(new PyValues.Dict("dict"));
                return NO_RETURN_VALUE;
            }
            case Opcodes.DICT -> {
                PyValues.Dict d = new PyValues.Dict("dict");
                putPairs(d, stack.pop_all_since_marker());
                stack.add(d);
                return NO_RETURN_VALUE;
            }
            case Opcodes.SETITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                putPairs(Values.dict(stack.peek(), "the target of SETITEMS"), items);
                return NO_RETURN_VALUE;
            }
            case Opcodes.ADDITEMS, Opcodes.FROZENSET -> {
                List<Object> items = stack.pop_all_since_marker();
                items.forEach(SafeUnpickler::hashable);
                java.util.Set<Object> set = key == Opcodes.FROZENSET ? new java.util.LinkedHashSet<>() : setOnTop();
                set.addAll(items);
                if (key == Opcodes.FROZENSET) stack.add(set);
                return NO_RETURN_VALUE;
            }
            case Opcodes.SETITEM -> {
                Object value = stack.pop(), k = stack.pop();
                putPairs(Values.dict(stack.peek(), "the target of SETITEM"), List.of(hashable(k), value == null ? NONE : value));
                return NO_RETURN_VALUE;
            }
            case Opcodes.BUILD -> {
                Object state = stack.pop(), target = stack.peek();
                if (!(target instanceof PyValues.Stateful s))
                    throw new InteropException(source + ": the pickle sets the state of a " + PyValues.typeName(target)
                            + ", which has none in any checkpoint format");
                s.setState(state);
                return NO_RETURN_VALUE;
            }
            case Opcodes.BINBYTES -> {
                long n = checkLength(4);
                if (n >= VIEW_THRESHOLD) {
                    in.skip(4);
                    stack.add(in.take((int) n));
                    return NO_RETURN_VALUE;
                }
            }
            case Opcodes.BINUNICODE, Opcodes.BINSTRING, Opcodes.LONG4 -> checkLength(4);
            case Opcodes.BINBYTES8, Opcodes.BINUNICODE8, Opcodes.BYTEARRAY8 -> checkLength(8);
            default -> { }
        }
        return super.dispatch(key);
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (persistent == null) throw new InteropException(source + ": unexpected persistent id " + PyValues.typeName(pid));
        return persistent.apply(pid);
    }

    /** Stands for a None value in List.of, which refuses nulls. */
    private static final Object NONE = new Object();

    @SuppressWarnings("unchecked")
    private static void putPairs(Map<?, ?> target, List<Object> items) {
        if (items.size() % 2 != 0) throw new InteropException("a dict was given an odd number of items");
        Map<Object, Object> m = (Map<Object, Object>) target;
        for (int i = 0; i < items.size(); i += 2) {
            Object v = items.get(i + 1);
            m.put(hashable(items.get(i)), v == NONE ? null : v);
        }
    }

    @SuppressWarnings("unchecked")
    private java.util.Set<Object> setOnTop() {
        if (stack.peek() instanceof java.util.Set<?> s) return (java.util.Set<Object>) s;
        throw new InteropException(source + ": ADDITEMS on a " + PyValues.typeName(stack.peek()));
    }

    /**
     * Python refuses mutable dict keys and set members ("unhashable type"); so do we. It also keeps a self-containing
     * list or dict from reaching hashCode(), whose recursion would overflow the stack.
     */
    static Object hashable(Object k) {
        if (k instanceof java.util.Collection<?> || k instanceof Map<?, ?> || k instanceof PyValues.Stateful)
            throw new InteropException("unhashable type as a dict key or set member: " + PyValues.typeName(k));
        return k;
    }

    private Object resolve(String module, String name) {
        IObjectConstructor c = allowed.get(module + "." + name);
        if (c == null)
            throw new InteropException(source + ": the pickle names " + module + "." + name + ", which is not on the allowlist of"
                    + " checkpoint classes; refusing to load it (a pickle can run code: only load files you trust)");
        return c;
    }

    /** Reads the little-endian length that follows the opcode without consuming it, and refuses one beyond the input. */
    private long checkLength(int width) {
        in.mark(8);
        byte[] b = new byte[width];
        int got = in.readNBytes(b, 0, width);
        in.reset();
        if (got < width) throw new InteropException(source + ": the pickle is truncated (inside a length field)");
        long n = 0;
        for (int i = width - 1; i >= 0; i--) n = (n << 8) | (b[i] & 0xff);
        if (n < 0 || n > in.available() - width)
            throw new InteropException(source + ": the pickle declares " + Long.toUnsignedString(n) + " bytes where only "
                    + Math.max(0, in.available() - width) + " are left (truncated or corrupt)");
        return n;
    }
}
