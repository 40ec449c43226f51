/**
 * Writing images and files: every writer goes through {@link io.stylegan4j.io.AtomicFiles}, so outputs are either
 * complete or absent. Pure Java (javax.imageio); no torch.
 */
package io.stylegan4j.io;
