/**
 * Model files and imports, which move libtorch tensors: the native safetensors model file
 * ({@link io.stylegan4j.checkpoint.ModelFile}), state dicts ({@link io.stylegan4j.checkpoint.StateDicts}) and the
 * official networks' configuration and import ({@link io.stylegan4j.checkpoint.OfficialKwargs},
 * {@link io.stylegan4j.checkpoint.OfficialImport}). May use torch; the byte formats it builds on are in
 * {@code io.stylegan4j.io}.
 */
package io.stylegan4j.checkpoint;
