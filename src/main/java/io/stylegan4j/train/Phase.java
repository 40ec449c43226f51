package io.stylegan4j.train;

/**
 * The named phases of a training iteration, as the official loop's: lazy regularization splits each network's step
 * in two (GMAIN every minibatch, GREG every gRegInterval; DMAIN, DREG every dRegInterval); an interval of 0 runs the
 * loss and its regularizer together every minibatch in one phase (GBOTH, DBOTH), with no lazy correction.
 */
public enum Phase {
    GMAIN, GREG, GBOTH, DMAIN, DREG, DBOTH
}
