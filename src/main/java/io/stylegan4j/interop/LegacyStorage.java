package io.stylegan4j.interop;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;

/**
 * Reads torch's legacy (non-zip, torch < 1.6 default) {@code torch.save()} format: five pickles (magic number,
 * protocol version, sys_info, the object, the key list), then for each key its int64 element count and raw
 * little-endian data. It is the blob inside every tensor of an NVlabs network pickle (one storage each) and the
 * format of older whole checkpoints. The object pickle names its storages before their data follow, so it is
 * parsed twice: once to learn each storage's type and size, once more with the storages (views into {@code data}).
 */
final class LegacyStorage {
    private LegacyStorage() {}

    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final int PROTOCOL_VERSION = 1001;

    private record Ref(Storage.Kind kind, String key, long numel) {}

    /** Whether {@code data} starts like a legacy torch.save() (PROTO 2, LONG1 of the magic number). */
    static boolean looksLike(byte[] data) {
        return data.length > 4 && (data[0] & 0xff) == 0x80 && data[1] == 2 && (data[2] & 0xff) == 0x8a && data[3] == 10;
    }

    /** The saved object, storages resolved; any malformation is an {@link InteropException} naming {@code source}. */
    static Object read(byte[] data, String source) {
        return read(new PickleInput.Bytes(data, 0, data.length), source);
    }

    static Object read(PickleInput.Bytes bytes, String source) {
        byte[] data = bytes.array();
        PickleInput in = new PickleInput(data, bytes.offset(), bytes.length());
        Object magic = SafeUnpickler.load(in, Map.of(), null, source);
        if (!(magic instanceof BigInteger b && b.equals(MAGIC)))
            throw new InteropException(source + ": not a torch.save() file (wrong magic number)");
        Object version = SafeUnpickler.load(in, Map.of(), null, source);
        if (!Integer.valueOf(PROTOCOL_VERSION).equals(version))
            throw new InteropException(source + ": torch.save protocol version " + version + ", expected " + PROTOCOL_VERSION);
        Map<?, ?> sysInfo = Values.dict(SafeUnpickler.load(in, Map.of(), null, source), source + " sys_info");
        if (!Boolean.TRUE.equals(sysInfo.get("little_endian")))
            throw new InteropException(source + ": a big-endian torch.save() is not supported");

        int objectStart = in.position();
        Map<String, Ref> refs = new LinkedHashMap<>();
        SafeUnpickler.load(in, shapesOnly(), pid -> {
            Ref r = ref(pid, source);
            Ref old = refs.putIfAbsent(r.key, r);
            if (old != null && !old.equals(r)) throw new InteropException(source + ": storage " + r.key + " is declared twice differently");
            return r;
        }, source);
        Object keys = SafeUnpickler.load(in, Map.of(), null, source);
        if (!(keys instanceof List<?> list) || list.size() != refs.size() || !refs.keySet().containsAll(list))
            throw new InteropException(source + ": the key list does not match the storages the object names");

        Map<String, Storage> storages = new HashMap<>();
        for (Object k : list) {
            Ref r = refs.get((String) k);
            byte[] count = new byte[8];
            if (in.readNBytes(count, 0, 8) < 8) throw new InteropException(source + ": truncated before the data of storage " + k);
            long numel = 0;
            for (int i = 7; i >= 0; i--) numel = (numel << 8) | (count[i] & 0xff);
            if (numel != r.numel)
                throw new InteropException(source + ": storage " + k + " holds " + Long.toUnsignedString(numel) + " elements, its header says " + r.numel);
            if (numel < 0 || numel > (long) in.available() / r.kind.itemSize)
                throw new InteropException(source + ": storage " + k + " claims " + numel + " elements but only " + in.available()
                        + " bytes follow (truncated or corrupt)");
            int start = in.position();
            storages.put(r.key, new Storage(r.kind, data, start, numel));
            in.skip(numel * r.kind.itemSize);
        }
        if (in.available() != 0) throw new InteropException(source + ": " + in.available() + " unexpected bytes after the last storage");

        PickleInput again = new PickleInput(data, objectStart, bytes.offset() + bytes.length() - objectStart);
        return SafeUnpickler.load(again, Allowlist.CHECKPOINTS, pid -> storages.get(ref(pid, source).key), source);
    }

    /** The allowlist with tensors not materialised: the first pass only learns which storages exist. */
    private static Map<String, IObjectConstructor> shapesOnly() {
        Map<String, IObjectConstructor> m = new HashMap<>(Allowlist.CHECKPOINTS);
        m.put("torch._utils._rebuild_tensor_v2", args -> null);
        m.put("torch._utils._rebuild_parameter", args -> null);
        return m;
    }

    /** ('storage', torch.XStorage, key, location, numel, view_metadata): the location is ignored (data are read to CPU). */
    private static Ref ref(Object pid, String source) {
        Object[] t = Values.tuple(pid, "persistent id");
        if (t.length != 6 || !"storage".equals(t[0]) || !(t[1] instanceof Storage.Kind kind))
            throw new InteropException(source + ": a persistent id is not ('storage', type, key, location, numel, view)");
        if (t[5] != null) throw new InteropException(source + ": holds a view of another storage; re-save it with torch >= 1.0");
        return new Ref(kind, Values.str(t[2], "storage key"), Values.toLong(t[4], "storage numel"));
    }
}
