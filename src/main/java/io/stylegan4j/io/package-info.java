/**
 * Files in and out: safetensors, images, GIFs, JSON lines, plots and progress bars in pure Java, and the model
 * files, state dicts and official imports ({@link io.stylegan4j.io.ModelFile}, {@link io.stylegan4j.io.StateDicts},
 * {@link io.stylegan4j.io.OfficialImport}), which move libtorch tensors. Every writer goes through
 * {@link io.stylegan4j.io.AtomicFiles}, so outputs are either complete or absent.
 */
package io.stylegan4j.io;
