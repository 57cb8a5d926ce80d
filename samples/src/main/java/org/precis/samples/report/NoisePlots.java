package org.precis.samples.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.precis.samples.report.SettingSummary.Row;

/**
 * Plots of a noise sweep: test accuracy against noise level per arm (mean over seeds, with a band of plus or minus
 * one standard deviation when there are several seeds), one plot per noise kind, and the learned precisions of
 * predictive-coding arms against label noise.
 */
public final class NoisePlots {

    /** Accuracy against input-noise sigma. */
    public static final String INPUT_NOISE_PNG = "input-noise.png";
    /** Accuracy against label-noise fraction. */
    public static final String LABEL_NOISE_PNG = "label-noise.png";
    /** Learned precisions against label-noise fraction. */
    public static final String DIAGNOSTICS_PNG = "learned-precision.png";

    /** Prefix of the per-level precision diagnostics ({@code precisionLevel1}, ...). */
    private static final String LEVEL_PREFIX = "precisionLevel";
    /** The output level's precision, the same figure as the top {@code precisionLevel<L>}. */
    private static final String OUTPUT_PRECISION = "outputPrecision";

    private NoisePlots() {
    }

    /**
     * Writes the accuracy plots, and the precision plot when some arm reports learned precisions.
     *
     * @return the file names written
     */
    public static List<String> write(Path outDir, SettingSummary summary) throws IOException {
        List<String> written = new ArrayList<>();
        save(accuracy(summary, "Test accuracy under input noise", "input noise sigma", true, Row::inputNoise),
                outDir, INPUT_NOISE_PNG, written);
        save(accuracy(summary, "Test accuracy under label noise", "label noise fraction p", false, Row::labelNoise),
                outDir, LABEL_NOISE_PNG, written);
        XYChart precision = precision(summary);
        if (!precision.getSeriesMap().isEmpty()) {
            save(precision, outDir, DIAGNOSTICS_PNG, written);
        }
        return written;
    }

    private static XYChart accuracy(SettingSummary summary, String title, String xTitle, boolean inputSweep,
            ToDoubleFunction<Row> level) {
        boolean bands = summary.rows().stream().anyMatch(r -> r.runs() > 1);
        XYChart chart = Charts.chart(title + (bands ? " (mean over seeds, band: ±1 sd)" : " (one seed)"), xTitle,
                "test accuracy");
        int index = 0;
        for (String arm : summary.arms()) {
            List<Row> sweep = inputSweep ? summary.inputSweep(arm) : summary.labelSweep(arm);
            if (!sweep.isEmpty()) {
                Charts.meanWithBand(chart, index, arm, sweep.stream().mapToDouble(level).toArray(),
                        sweep.stream().mapToDouble(Row::meanAccuracy).toArray(),
                        sweep.stream().mapToDouble(Row::sdAccuracy).toArray());
            }
            index++;
        }
        return chart;
    }

    /** One line per arm and level: the mean over units of 1 / variance, averaged over seeds, on a log axis. */
    private static XYChart precision(SettingSummary summary) {
        XYChart chart = Charts.chart("Learned precision against label noise (mean over seeds)",
                "label noise fraction p", "mean precision 1/variance over units (log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        int index = 0;
        for (String arm : summary.arms()) {
            List<Row> sweep = summary.labelSweep(arm);
            if (sweep.isEmpty()) {
                continue;
            }
            // Only precisions: other diagnostics (relaxation steps, energy rises) are counts, not on this axis.
            List<String> keys = new ArrayList<>(sweep.get(0).diagnostics().keySet().stream()
                    .filter(k -> k.startsWith(LEVEL_PREFIX)).toList());
            int levels = keys.size();
            if (levels == 0 && sweep.get(0).diagnostics().containsKey(OUTPUT_PRECISION)) {
                keys.add(OUTPUT_PRECISION);
            }
            for (String key : keys) {
                double[] values = sweep.stream().mapToDouble(r -> r.diagnostics().getOrDefault(key, Double.NaN))
                        .toArray();
                if (java.util.Arrays.stream(values).anyMatch(v -> !(v > 0))) {
                    continue; // a log axis cannot show it; the figures are in results.json
                }
                String name = key.startsWith(LEVEL_PREFIX) ? arm + ": level " + key.substring(LEVEL_PREFIX.length())
                        + (key.equals(LEVEL_PREFIX + levels) ? " (output)" : "") : arm + ": output";
                Charts.meanWithBand(chart, index++, name, sweep.stream().mapToDouble(Row::labelNoise).toArray(),
                        values, new double[0]);
            }
        }
        return chart;
    }

    private static void save(XYChart chart, Path outDir, String file, List<String> written) throws IOException {
        Charts.save(chart, outDir.resolve(file));
        written.add(file);
    }
}
