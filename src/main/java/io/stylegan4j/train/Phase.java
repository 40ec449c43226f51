package io.stylegan4j.train;

/** The four named phases of a training iteration (lazy regularization splits each network's step in two). */
public enum Phase {
    GMAIN, GREG, DMAIN, DREG
}
