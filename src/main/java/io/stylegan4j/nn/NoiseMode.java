package io.stylegan4j.nn;

/** Per-pixel noise inputs: fresh each call, the stored per-layer buffers, or off (StyleGAN Figure 5). */
public enum NoiseMode { RANDOM, CONST, NONE }
