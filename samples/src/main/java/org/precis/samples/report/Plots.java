package org.precis.samples.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.precis.samples.experiment.ArmResult;

/**
 * PNG plots of per-epoch figures, one line per (arm, seed), drawn with XChart.
 */
public final class Plots {

    /** File name of the test-accuracy plot. */
    public static final String TEST_ACCURACY_PNG = "test-accuracy.png";

    /** File name of the training-loss plot. */
    public static final String TRAIN_LOSS_PNG = "train-loss.png";

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private Plots() {
    }

    /** Writes {@link #TEST_ACCURACY_PNG} and {@link #TRAIN_LOSS_PNG} into {@code outDir}. */
    public static void writeEpochPlots(Path outDir, List<ArmResult> results) throws IOException {
        save(perEpoch("Test accuracy per epoch", "test accuracy", results, ArmResult::testAccuracyPerEpoch),
                outDir.resolve(TEST_ACCURACY_PNG));
        save(perEpoch("Training loss per epoch", "mean training loss", results, ArmResult::trainLossPerEpoch),
                outDir.resolve(TRAIN_LOSS_PNG));
    }

    private static XYChart perEpoch(String title, String yTitle, List<ArmResult> results,
            Function<ArmResult, List<Double>> values) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (ArmResult r : results) {
            List<Double> ys = values.apply(r);
            List<Integer> xs = IntStream.rangeClosed(1, ys.size()).boxed().toList();
            chart.addSeries(r.name() + " (seed " + r.seed() + ")", xs, ys);
        }
        return chart;
    }

    private static void save(XYChart chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
