package io.stylegan4j.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the zip format of {@code torch.save()} (torch >= 1.6): {@code <prefix>/data.pkl} whose persistent ids
 * {@code ('storage', torch.XStorage, key, location, numel)} name the records {@code <prefix>/data/<key>}. The prefix is
 * taken from the first entry (torch keeps the stem of the file it first wrote, not the current name). Each record's
 * size is checked against numel before any allocation.
 */
final class TorchZip {
    private TorchZip() {}

    static boolean looksLike(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    static Object read(Path file, String source) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            if (!all.hasMoreElements()) throw new InteropException(source + ": an empty zip, not a torch checkpoint");
            String first = all.nextElement().getName();
            int slash = first.indexOf('/');
            if (slash <= 0) throw new InteropException(source + ": zip entry '" + first + "' is not inside a torch archive folder");
            String prefix = first.substring(0, slash + 1);
            ZipEntry pkl = zip.getEntry(prefix + "data.pkl");
            if (pkl == null) throw new InteropException(source + ": a zip without " + prefix + "data.pkl is not a torch.save() file");
            byte[] pickle = entry(zip, pkl, pkl.getSize(), source);
            return SafeUnpickler.load(new PickleInput(pickle), Allowlist.CHECKPOINTS, pid -> storage(zip, prefix, pid, source), source);
        } catch (ZipException e) {
            throw new InteropException(source + ": not a readable zip (" + e.getMessage() + "); the file may be truncated");
        } catch (IOException e) {
            throw new InteropException(source + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static Storage storage(ZipFile zip, String prefix, Object pid, String source) {
        Object[] t = Values.tuple(pid, "persistent id");
        if (t.length != 5 || !"storage".equals(t[0]) || !(t[1] instanceof Storage.Kind kind))
            throw new InteropException(source + ": a persistent id is not ('storage', type, key, location, numel)");
        String key = Values.str(t[2], "storage key");
        long numel = Values.toLong(t[4], "storage numel");
        ZipEntry e = zip.getEntry(prefix + "data/" + key);
        if (e == null) throw new InteropException(source + ": record " + prefix + "data/" + key + " is missing");
        if (numel < 0 || numel > Integer.MAX_VALUE / kind.itemSize)
            throw new InteropException(source + ": storage " + key + " claims " + numel + " elements, more than this reader holds");
        try {
            return new Storage(kind, entry(zip, e, numel * kind.itemSize, source), 0, numel);
        } catch (IOException ex) {
            throw new InteropException(source + ": cannot read record " + e.getName() + " (" + ex.getMessage() + ")");
        }
    }

    /** The entry's bytes, refusing before allocation when its declared size differs from {@code expected}. */
    private static byte[] entry(ZipFile zip, ZipEntry e, long expected, String source) throws IOException {
        if (e.getSize() != expected || expected < 0 || expected > Integer.MAX_VALUE - 8)
            throw new InteropException(source + ": record " + e.getName() + " holds " + e.getSize() + " bytes, expected " + expected);
        try (InputStream in = zip.getInputStream(e)) {
            byte[] b = in.readNBytes((int) expected);
            if (b.length != expected) throw new InteropException(source + ": record " + e.getName() + " is truncated");
            return b;
        }
    }
}
