/**
 * What long work shows: progress bars with rate and ETA ({@link io.stylegan4j.report.Progress}) and plots and
 * charts as PNG ({@link io.stylegan4j.report.Plots}, {@link io.stylegan4j.report.Charts}). Pure Java, no torch.
 */
package io.stylegan4j.report;
