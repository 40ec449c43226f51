/**
 * File formats in pure Java: safetensors (reader, writer, dtypes, half floats), PNG/JPEG images, GIF, numpy
 * .npz, JSON lines, and atomic writes ({@link io.stylegan4j.io.AtomicFiles}: outputs are complete or absent). No
 * libtorch here: nothing in this package imports org.bytedeco.pytorch; model files that move tensors are in
 * {@code io.stylegan4j.checkpoint}.
 */
package io.stylegan4j.io;
