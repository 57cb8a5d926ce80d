package org.precis.samples.natgrad;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.precis.natgrad.listener.KFacStepStatistics;

/**
 * The per-iteration statistics of the K-FAC optimizers of a run ({@link KFacStepStatistics}): a CSV file and one
 * picture of four panels, damping, learning rate, momentum and reduction ratio against iterations.
 */
final class KFacTracePlot {

    /** File name of the statistics CSV. */
    static final String CSV = "kfac-steps.csv";
    /** File name of the picture. */
    static final String PNG = "kfac-adaptation.png";

    private static final int PANEL_WIDTH = 640;
    private static final int PANEL_HEIGHT = 400;
    /** The reduction ratio is drawn in this range: far outside it the damping reacts the same way. */
    private static final double RHO_FLOOR = -1.0;
    private static final double RHO_CEILING = 2.0;
    /** One colour per optimizer in every panel, although not every panel shows every optimizer. */
    private static final Color[] COLORS = {new Color(0, 114, 178), new Color(230, 159, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(86, 180, 233)};

    private KFacTracePlot() {
    }

    /** The statistics of one optimizer, one entry per iteration. */
    record Trace(String optimizer, List<KFacStepStatistics> steps) {
        Trace {
            steps = List.copyOf(steps);
        }
    }

    static void writeCsv(Path file, List<Trace> traces) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println("optimizer,iteration,damping,learningRate,momentum,loss,predictedChange,actualChange,rho");
            for (Trace t : traces) {
                int iteration = 1;
                for (KFacStepStatistics s : t.steps()) {
                    w.printf(Locale.ROOT, "%s,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g%n", t.optimizer(), iteration++,
                            s.damping(), s.learningRate(), s.momentum(), s.loss(), s.predictedChange(),
                            s.actualChange(), s.rho());
                }
            }
        }
    }

    static void writePng(Path file, List<Trace> traces) throws IOException {
        XYChart damping = panel("Damping lambda", "damping", traces, KFacStepStatistics::damping, true, false);
        XYChart rate = panel("Learning rate alpha", "alpha", traces, KFacStepStatistics::learningRate, false, false);
        XYChart momentum = panel("Momentum mu", "mu", traces, KFacStepStatistics::momentum, false, false);
        XYChart rho = panel("Reduction ratio rho = actual / predicted change (clipped to [-1, 2])", "rho", traces,
                s -> Math.max(RHO_FLOOR, Math.min(RHO_CEILING, s.rho())), false, true);
        rho.getStyler().setYAxisMin(RHO_FLOOR);
        rho.getStyler().setYAxisMax(RHO_CEILING);
        int last = traces.stream().mapToInt(t -> t.steps().size()).max().orElse(1);
        for (double level : new double[] {0.25, 0.75}) {
            XYSeries line = rho.addSeries("rho = " + level, new double[] {1, last}, new double[] {level, level});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.GRAY);
        }
        BufferedImage image = new BufferedImage(2 * PANEL_WIDTH, 2 * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        XYChart[] panels = {damping, rate, momentum, rho};
        for (int i = 0; i < panels.length; i++) {
            Graphics2D cell = (Graphics2D) g.create((i % 2) * PANEL_WIDTH, (i / 2) * PANEL_HEIGHT, PANEL_WIDTH,
                    PANEL_HEIGHT);
            panels[i].paint(cell, PANEL_WIDTH, PANEL_HEIGHT);
            cell.dispose();
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static XYChart panel(String title, String yTitle, List<Trace> traces,
            ToDoubleFunction<KFacStepStatistics> value, boolean logarithmic, boolean scatter) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title)
                .xAxisTitle("iteration").yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setDefaultSeriesRenderStyle(scatter ? XYSeries.XYSeriesRenderStyle.Scatter
                : XYSeries.XYSeriesRenderStyle.Line);
        // XChart puts the ticks of an axis whose first series has equally spaced x values on its data points,
        // every 143rd of 2,000 iterations, with labels that run into each other. An invisible first series from
        // iteration 0 to the last gives the axis round ticks (0, 200, 400, ...).
        int last = traces.stream().mapToInt(t -> t.steps().size()).max().orElse(1);
        // At a value the data has, so the series does not stretch the y axis.
        double y0 = traces.stream().flatMap(t -> t.steps().stream()).mapToDouble(value)
                .filter(v -> Double.isFinite(v) && (!logarithmic || v > 0)).findFirst().orElse(1.0);
        XYSeries axis = chart.addSeries(" ", new double[] {0, last}, new double[] {y0, y0});
        axis.setLineStyle(SeriesLines.NONE);
        axis.setMarker(SeriesMarkers.NONE);
        axis.setShowInLegend(false);
        for (int k = 0; k < traces.size(); k++) {
            Trace t = traces.get(k);
            double[] xs = new double[t.steps().size()];
            double[] ys = new double[t.steps().size()];
            int n = 0;
            for (int i = 0; i < t.steps().size(); i++) {
                double y = value.applyAsDouble(t.steps().get(i));
                if (Double.isFinite(y) && (!logarithmic || y > 0)) {
                    xs[n] = i + 1;
                    ys[n++] = y;
                }
            }
            if (n > 0) {
                XYSeries series = chart.addSeries(t.optimizer(), Arrays.copyOf(xs, n), Arrays.copyOf(ys, n));
                series.setMarker(scatter ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
                series.setLineColor(COLORS[k % COLORS.length]);
                series.setMarkerColor(COLORS[k % COLORS.length]);
            }
        }
        return chart;
    }
}
