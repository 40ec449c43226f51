package io.stylegan4j.model;

import io.stylegan4j.nn.Module;
import io.stylegan4j.nn.NoiseMode;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * G = synthesis o mapping. The per-layer ws stay explicit: style mixing is building ws from two latents, and
 * truncation is an argument, not hidden state. Submodule names and order match the official state dict.
 */
public final class Generator extends Module {
    public final GeneratorConfig cfg;
    public final SynthesisNetwork synthesis;
    public final MappingNetwork mapping;

    public Generator(GeneratorConfig cfg, Device device) {
        this.cfg = cfg;
        this.synthesis = child("synthesis", new SynthesisNetwork(cfg, device));
        this.mapping = child("mapping", new MappingNetwork(cfg, device));
    }

    public Tensor forward(Tensor z, Tensor c, double psi, Integer cutoff, NoiseMode noise) {
        return synthesis.forward(mapping.forward(z, c, psi, cutoff, true), noise, null);
    }

    public int numWs() {
        return cfg.numWs();
    }
}
