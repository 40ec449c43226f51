package io.stylegan4j.io;

/** The library version, from the jar manifest when packaged, else the development marker. */
public final class Version {
    private Version() {}

    public static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-dev";
    }
}
