package org.precis.samples.autoencode;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Scatter plot of 2-D points coloured by class, one series per class (XChart). */
final class EmbeddingPlot {

    private static final int WIDTH = 700;
    private static final int HEIGHT = 550;

    private EmbeddingPlot() {
    }

    /**
     * Writes the scatter plot as PNG.
     *
     * @param file       target file (".png" is kept as given)
     * @param title      chart title
     * @param axes       axis names, e.g. "PC 1", "PC 2"
     * @param points     [n, 2] coordinates (not modified)
     * @param labels     class index of each point
     * @param classNames name of each class index, for the legend
     */
    static void write(Path file, String title, String[] axes, INDArray points, int[] labels,
            List<String> classNames) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(axes[0])
                .yAxisTitle(axes[1]).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (int c = 0; c < classNames.size(); c++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int n = 0; n < labels.length; n++) {
                if (labels[n] == c) {
                    xs.add(points.getDouble(n, 0));
                    ys.add(points.getDouble(n, 1));
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(classNames.get(c), xs, ys).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
