package io.stylegan4j.report;

import io.stylegan4j.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Single figures of the analyses (histograms, curves, stacked shares), written atomically as PNG; {@link Plots}
 * draws a run's training curves.
 */
public final class Charts {
    public static final int WIDTH = 640, HEIGHT = 420;

    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** Overlaid step histograms of several samples on shared bins (e.g. generated vs real distances). */
    public static void histogram(Path png, String title, String xLabel, Map<String, double[]> samples, int bins) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] v : samples.values()) for (double x : v) if (Double.isFinite(x)) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
        if (!(lo <= hi)) throw new IllegalArgumentException(title + ": nothing finite to plot");
        if (lo == hi) { lo -= 0.5; hi += 0.5; }
        XYChart c = chart(title, xLabel, "count");
        for (Map.Entry<String, double[]> e : samples.entrySet()) {
            List<Double> finite = Arrays.stream(e.getValue()).filter(Double::isFinite).boxed().toList();
            if (finite.isEmpty()) continue;
            Histogram h = new Histogram(finite, bins, lo, hi);
            XYSeries s = c.addSeries(e.getKey() + " (" + finite.size() + ")", h.getxAxisData(), h.getyAxisData());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            s.setMarker(SeriesMarkers.NONE);
        }
        write(png, c);
    }

    /** Curves y(x), one per entry; {@code logY} for quantities spanning decades (singular values). */
    public static void lines(Path png, String title, String xLabel, String yLabel, Map<String, double[][]> series, boolean logY) {
        XYChart c = chart(title, xLabel, yLabel);
        c.getStyler().setYAxisLogarithmic(logY);
        c.getStyler().setLegendVisible(series.size() <= 12);
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            XYSeries s = c.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
            s.setMarker(e.getValue()[0].length <= 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        write(png, c);
    }

    /**
     * Shares stacked bottom-up in map order (StyleGAN2 Figure 8's view): each band's upper edge is the running
     * sum, drawn top band first so the lower ones paint over it.
     */
    public static void stacked(Path png, String title, String xLabel, double[] x, Map<String, double[]> parts) {
        XYChart c = chart(title, xLabel, "share");
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        Map<String, double[]> cumulative = new LinkedHashMap<>();
        double[] run = new double[x.length];
        for (Map.Entry<String, double[]> e : parts.entrySet()) {
            run = run.clone();
            for (int i = 0; i < x.length; i++) run[i] += e.getValue()[i];
            cumulative.put(e.getKey(), run);
        }
        List<String> names = new ArrayList<>(cumulative.keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            XYSeries s = c.addSeries(names.get(i), x, cumulative.get(names.get(i)));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            s.setMarker(x.length <= 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        write(png, c);
    }

    private static XYChart chart(String title, String xLabel, String yLabel) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        c.getStyler().setChartTitleVisible(true);
        c.getStyler().setXAxisDecimalPattern("0.####");
        return c;
    }

    private static void write(Path png, XYChart c) {
        try {
            var img = BitmapEncoder.getBufferedImage(c);
            AtomicFiles.write(png, out -> {
                if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer available in this JRE");
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }
}
