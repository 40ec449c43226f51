package io.stylegan4j.model;

/** StyleGAN2 Figure 7: how blocks are wired. G defaults to skip, D to resnet (config E/F). */
public enum Architecture {
    ORIG, SKIP, RESNET;

    public static Architecture parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("architecture must be orig, skip or resnet, got '" + s + "'");
        }
    }
}
