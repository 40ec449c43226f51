package io.stylegan4j.model;

/** StyleGAN2 Figure 7: how blocks are wired. G defaults to skip, D to resnet (config E/F). */
public enum Architecture {
    ORIG, SKIP, RESNET;

    public static Architecture parse(String s) {
        return parseEnum(Architecture.class, s, "architecture", "orig, skip or resnet");
    }

    /** A network option's value by name, any case, or a one-line error naming the choices. */
    static <E extends Enum<E>> E parseEnum(Class<E> type, String s, String what, String choices) {
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(java.util.Locale.ROOT)); // ROOT: 'stride' must not become 'STRİDE' in a Turkish locale
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " must be " + choices + ", got '" + s + "'");
        }
    }
}
