/**
 * Random streams that must equal numpy's bit for bit ({@link io.stylegan4j.random.NumpyRandom}: MT19937,
 * {@code RandomState(seed).randn}, {@code randint}, {@code choice}), so seeds drawn by the CLI, training and metrics
 * give the official latents. Pure Java, no torch.
 */
package io.stylegan4j.random;
