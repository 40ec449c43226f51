package io.stylegan4j.report;

import io.stylegan4j.io.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves from stats records as one PNG: a small chart per series, tiled in a grid, so a single file
 * shows a run's health at a glance (and works on a headless CI box).
 */
public final class Plots {
    public static final List<String> DEFAULT_SERIES =
            List.of("Loss/G", "Loss/D", "Loss/r1", "pl_mean", "sec_per_kimg");
    public static final int CELL_WIDTH = 400;
    public static final int CELL_HEIGHT = 300;
    public static final int MAX_COLUMNS = 3;

    static {
        // must be set before AWT initializes; respect an explicit choice by the user
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Folders whose chart could not be drawn, so the warning comes once per run, not once per tick. */
    private static final Set<Path> CHARTLESS = ConcurrentHashMap.newKeySet();

    private Plots() {
    }

    /**
     * Writes the grid PNG atomically and returns how many charts it holds; with no plottable series it
     * writes nothing and returns 0, since a run's first tick may have no stats yet.
     */
    public static int write(Path png, List<Map<String, Object>> records, List<String> series, String xKey) {
        return write(png, () -> render(records, series, xKey), () -> count(records, series, xKey));
    }

    /** {@link #write(Path, List, List, String)} with the drawing passed in, so a test can make it fail. */
    static int write(Path png, Supplier<BufferedImage> renderer, IntSupplier charts) {
        BufferedImage img;
        try {
            img = renderer.get();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error | RuntimeException e) {
            // A JRE without fonts (a bare server image, a jlink'd runtime) fails inside AWT's text layout. A chart is a
            // convenience: the run goes on, says so once per folder, and stats.jsonl keeps every number.
            if (CHARTLESS.add(png.toAbsolutePath().getParent()))
                System.err.println("warning: cannot draw " + png + " (" + e + "); going on without it. Install fontconfig"
                        + " and a font (Debian: fonts-dejavu-core) to get charts; stats.jsonl has the numbers");
            return 0;
        }
        if (img == null) {
            return 0;
        }
        try {
            AtomicFiles.write(png, out -> {
                if (!ImageIO.write(img, "png", out)) {
                    throw new IOException("no PNG writer available in this JRE");
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
        return charts.getAsInt();
    }

    public static int write(Path png, List<Map<String, Object>> records) {
        return write(png, records, DEFAULT_SERIES, "kimg");
    }

    /** The tiled image, or null when no series has a finite point. */
    public static BufferedImage render(List<Map<String, Object>> records, List<String> series, String xKey) {
        List<XYChart> charts = new ArrayList<>();
        for (String name : series) {
            XYChart c = chart(records, name, xKey);
            if (c != null) {
                charts.add(c);
            }
        }
        if (charts.isEmpty()) {
            return null;
        }
        int cols = Math.min(MAX_COLUMNS, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        BufferedImage grid = new BufferedImage(cols * CELL_WIDTH, rows * CELL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                BufferedImage cell = BitmapEncoder.getBufferedImage(charts.get(i));
                g.drawImage(cell, (i % cols) * CELL_WIDTH, (i / cols) * CELL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        return grid;
    }

    private static int count(List<Map<String, Object>> records, List<String> series, String xKey) {
        int n = 0;
        for (String name : series) {
            n += points(records, name, xKey)[0].length > 0 ? 1 : 0;
        }
        return n;
    }

    private static XYChart chart(List<Map<String, Object>> records, String name, String xKey) {
        double[][] xy = points(records, name, xKey);
        if (xy[0].length == 0) {
            return null;
        }
        XYChart c = new XYChartBuilder().width(CELL_WIDTH).height(CELL_HEIGHT).title(name).xAxisTitle(xKey).build();
        c.getStyler().setLegendVisible(false);
        c.getStyler().setChartTitleVisible(true);
        XYSeries s = c.addSeries(name, xy[0], xy[1]);
        // markers hide the curve once there are hundreds of ticks; a lone point still needs one to show
        s.setMarker(xy[0].length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return c;
    }

    /** x and y of every record that has both as finite numbers; others are dropped, not plotted as gaps. */
    static double[][] points(List<Map<String, Object>> records, String name, String xKey) {
        List<double[]> pts = new ArrayList<>();
        for (Map<String, Object> r : records) {
            double x = value(r.get(xKey));
            double y = value(r.get(name));
            if (Double.isFinite(x) && Double.isFinite(y)) {
                pts.add(new double[] {x, y});
            }
        }
        double[][] out = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            out[0][i] = pts.get(i)[0];
            out[1][i] = pts.get(i)[1];
        }
        return out;
    }

    /** A number, or the official stats.jsonl form {"num":..,"mean":..,"std":..}; NaN when neither. */
    private static double value(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof Map<?, ?> m && m.get("mean") instanceof Number n) {
            return n.doubleValue();
        }
        return Double.NaN;
    }
}
