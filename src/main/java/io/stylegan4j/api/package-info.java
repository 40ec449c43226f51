/**
 * stylegan4j as a library: {@link io.stylegan4j.api.StyleGan} loads a model file and renders images;
 * {@link io.stylegan4j.api.Latent} says where an image starts (seed, z, w, or between two), and
 * {@link io.stylegan4j.api.Render} how (truncation, class, noise, style mixing over {@link io.stylegan4j.api.Layers}).
 * Everything here is immutable or thread-safe; the rest of the project's packages are its internals.
 */
package io.stylegan4j.api;
