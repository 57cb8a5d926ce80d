package org.precis.samples.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.precis.samples.report.SettingSummary.Row;

/**
 * Plots of a noise sweep: test accuracy against noise level per arm (mean over seeds, error bars of one standard
 * deviation), one plot per noise kind, and any learned diagnostics (precisions) against label noise.
 */
public final class NoisePlots {

    /** Accuracy against input-noise sigma. */
    public static final String INPUT_NOISE_PNG = "input-noise.png";
    /** Accuracy against label-noise fraction. */
    public static final String LABEL_NOISE_PNG = "label-noise.png";
    /** Learned diagnostics (precisions) against label-noise fraction. */
    public static final String DIAGNOSTICS_PNG = "learned-precision.png";

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private NoisePlots() {
    }

    /**
     * Writes the accuracy plots, and the diagnostics plot when some arm reports diagnostics.
     *
     * @return the file names written
     */
    public static List<String> write(Path outDir, SettingSummary summary) throws IOException {
        List<String> written = new ArrayList<>();
        save(accuracy(summary, "Test accuracy under input noise", "input noise sigma", true, Row::inputNoise),
                outDir, INPUT_NOISE_PNG, written);
        save(accuracy(summary, "Test accuracy under label noise", "label noise fraction", false, Row::labelNoise),
                outDir, LABEL_NOISE_PNG, written);
        XYChart diagnostics = chart("Learned precision under label noise", "label noise fraction", "value");
        for (String arm : summary.arms()) {
            List<Row> sweep = summary.labelSweep(arm);
            if (sweep.isEmpty() || sweep.get(0).diagnostics().isEmpty()) {
                continue;
            }
            for (String key : sweep.get(0).diagnostics().keySet()) {
                diagnostics.addSeries(arm + ": " + key, sweep.stream().mapToDouble(Row::labelNoise).toArray(),
                        sweep.stream().mapToDouble(r -> r.diagnostics().getOrDefault(key, Double.NaN)).toArray());
            }
        }
        if (!diagnostics.getSeriesMap().isEmpty()) {
            save(diagnostics, outDir, DIAGNOSTICS_PNG, written);
        }
        return written;
    }

    private static XYChart accuracy(SettingSummary summary, String title, String xTitle, boolean inputSweep,
            ToDoubleFunction<Row> level) {
        XYChart chart = chart(title, xTitle, "test accuracy (mean, sd over seeds)");
        for (String arm : summary.arms()) {
            List<Row> sweep = inputSweep ? summary.inputSweep(arm) : summary.labelSweep(arm);
            if (sweep.isEmpty()) {
                continue;
            }
            chart.addSeries(arm, sweep.stream().mapToDouble(level).toArray(),
                    sweep.stream().mapToDouble(Row::meanAccuracy).toArray(),
                    sweep.stream().mapToDouble(Row::sdAccuracy).toArray());
        }
        return chart;
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }

    private static void save(XYChart chart, Path outDir, String file, List<String> written) throws IOException {
        BitmapEncoder.saveBitmap(chart, outDir.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
        written.add(file);
    }
}
