/**
 * Training data without torch: {@link io.stylegan4j.data.Dataset} (folder, zip, built-in procedural shapes, opened
 * by {@link io.stylegan4j.data.Datasets#open}), the prefetching, resumable {@link io.stylegan4j.data.BatchLoader},
 * and {@link io.stylegan4j.data.DatasetTool} behind the {@code dataset} command. Pixels are uint8 CHW throughout;
 * conversion to [-1, 1] floats belongs to the training code.
 */
package io.stylegan4j.data;
