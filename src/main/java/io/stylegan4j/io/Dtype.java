package io.stylegan4j.io;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The safetensors element types this project reads and writes; the names are the ones in the JSON header. */
public enum Dtype {
    F64(8, true), F32(4, true), F16(2, true), BF16(2, true),
    I64(8, false), I32(4, false), I16(2, false), I8(1, false),
    U64(8, false), U32(4, false), U16(2, false), U8(1, false),
    BOOL(1, false);

    public final int size;
    public final boolean floating;

    Dtype(int size, boolean floating) {
        this.size = size;
        this.floating = floating;
    }

    /** Parses a header dtype name; the message lists the accepted names because FP8 etc. exist in the wild. */
    public static Dtype parse(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SafeTensorsException("unsupported dtype '" + name + "'; supported: "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(",")));
        }
    }
}
