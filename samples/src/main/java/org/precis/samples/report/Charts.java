package org.precis.samples.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The look every report chart shares (size, legend, background, one colour per arm), the mean-and-band series of
 * figures measured over several seeds, and atomic PNG writing.
 */
final class Charts {

    /** Width of every chart, in pixels. */
    static final int WIDTH = 800;
    /** Height of every chart, in pixels. */
    static final int HEIGHT = 500;
    /** Opacity (0-255) of a spread band. */
    private static final int BAND_ALPHA = 50;

    private Charts() {
    }

    /** A line chart with the shared style. */
    static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    /** The colour of the {@code index}-th arm (the chart theme's own series colours, in order), in every chart. */
    static Color color(XYChart chart, int index) {
        Color[] palette = chart.getStyler().getSeriesColors();
        return palette[index % palette.length];
    }

    /**
     * Adds a mean line and, where the spread is known, a band of plus or minus one standard deviation in the same
     * colour (left out of the legend).
     *
     * @param name  the line's legend entry
     * @param xs    x values, increasing
     * @param means mean at each x
     * @param sds   standard deviation at each x; NaN where unknown (one seed): then no band
     */
    static void meanWithBand(XYChart chart, int index, String name, double[] xs, double[] means, double[] sds) {
        Color color = color(chart, index);
        boolean band = sds.length > 0 && java.util.Arrays.stream(sds).noneMatch(Double::isNaN);
        if (band) {
            int n = xs.length;
            double[] px = new double[2 * n];
            double[] py = new double[2 * n];
            for (int i = 0; i < n; i++) {
                px[i] = xs[i];
                py[i] = means[i] + sds[i];
                px[2 * n - 1 - i] = xs[i];
                py[2 * n - 1 - i] = means[i] - sds[i];
            }
            XYSeries area = chart.addSeries(name + " (band)", px, py);
            area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            area.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), BAND_ALPHA));
            area.setLineColor(new Color(0, 0, 0, 0));
            area.setMarker(SeriesMarkers.NONE);
            area.setShowInLegend(false);
        }
        XYSeries line = chart.addSeries(name, xs, means);
        line.setLineColor(color);
        line.setMarkerColor(color);
        var markers = chart.getStyler().getSeriesMarkers();
        line.setMarker(markers[index % markers.length]);
    }

    /** Writes the chart as a PNG, atomically. */
    static void save(XYChart chart, Path file) throws IOException {
        AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
