package io.stylegan4j.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses seed/index lists such as {@code 0-7,42,100-102}, as the official tools' --seeds option does.
 * Order and duplicates are kept as written: the user may want the same seed twice in a grid.
 */
public final class IntRanges {
    public static final long SEED_MIN = 0;
    public static final long SEED_MAX = 4294967295L;
    // guards against a typo such as 0-4000000000 allocating gigabytes
    private static final long MAX_COUNT = 10_000_000;

    private IntRanges() {
    }

    /** Thrown for any malformed or out-of-range list; the message is one line meant for the user. */
    public static final class ParseException extends IllegalArgumentException {
        public ParseException(String message) {
            super(message);
        }
    }

    public static List<Long> parseSeeds(String text) {
        return parse(text, SEED_MIN, SEED_MAX);
    }

    public static List<Long> parse(String text, long min, long max) {
        if (text == null || text.isBlank()) {
            throw new ParseException("empty list; give numbers or ranges like 0-7,42");
        }
        List<Long> out = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String item = raw.trim();
            if (item.isEmpty()) {
                throw new ParseException("empty item in '" + text + "'; remove the extra comma");
            }
            // a leading '-' is a sign, so split at a dash after the first character
            int dash = item.indexOf('-', 1);
            long lo = number(item, dash < 0 ? item : item.substring(0, dash), min, max);
            long hi = dash < 0 ? lo : number(item, item.substring(dash + 1), min, max);
            if (lo > hi) {
                throw new ParseException("range '" + item + "' runs backwards; write it as " + hi + "-" + lo);
            }
            if (out.size() + (hi - lo + 1) > MAX_COUNT) {
                throw new ParseException("'" + text + "' expands to more than " + MAX_COUNT + " values; "
                        + "use a smaller range");
            }
            for (long v = lo; v <= hi; v++) {
                out.add(v);
            }
        }
        return out;
    }

    private static long number(String item, String s, long min, long max) {
        long v;
        try {
            v = Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new ParseException("'" + item + "' is not a number or a range a-b; use forms like 7 or 0-7");
        }
        if (v < min || v > max) {
            throw new ParseException(v + " in '" + item + "' is outside " + min + ".." + max);
        }
        return v;
    }
}
