package org.precis.samples.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.precis.samples.experiment.ArmResult;

/**
 * PNG plots of per-epoch figures: one line per arm, the mean over its seeds, with a band of plus or minus one
 * standard deviation when it ran several seeds. Training losses of different kinds (the cross-entropy of backprop,
 * the Gaussian output energy of predictive coding with a Gaussian top) are never put on one axis: each kind gets its
 * own plot, {@link #lossFile}.
 */
public final class Plots {

    /** File name of the test-accuracy plot. */
    public static final String TEST_ACCURACY_PNG = "test-accuracy.png";

    private Plots() {
    }

    /**
     * Writes {@link #TEST_ACCURACY_PNG} and one training-loss plot per kind of loss into {@code outDir}.
     *
     * @return the loss plots written, by kind of loss, in the order the kinds first appear
     */
    public static Map<String, String> writeEpochPlots(Path outDir, List<ArmResult> results) throws IOException {
        List<String> arms = results.stream().map(ArmResult::name).distinct().toList();
        Charts.save(perEpoch("Test accuracy per epoch", "test accuracy", arms, results,
                ArmResult::testAccuracyPerEpoch), outDir.resolve(TEST_ACCURACY_PNG));
        Map<String, List<ArmResult>> byLoss = new LinkedHashMap<>();
        results.forEach(r -> byLoss.computeIfAbsent(r.trainingLoss(), k -> new ArrayList<>()).add(r));
        Map<String, String> written = new LinkedHashMap<>();
        for (Map.Entry<String, List<ArmResult>> kind : byLoss.entrySet()) {
            String file = lossFile(kind.getKey());
            Charts.save(perEpoch("Training loss per epoch: " + kind.getKey(), "mean " + kind.getKey()
                    + " per example", arms, kind.getValue(), ArmResult::trainLossPerEpoch), outDir.resolve(file));
            written.put(kind.getKey(), file);
        }
        return written;
    }

    /** The file of the training-loss plot of one kind of loss, e.g. {@code train-loss-cross-entropy.png}. */
    public static String lossFile(String lossKind) {
        return "train-loss-" + lossKind.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".png";
    }

    /** @param arms every arm of the experiment, in order: an arm keeps its colour from plot to plot */
    private static XYChart perEpoch(String title, String yTitle, List<String> arms, List<ArmResult> results,
            Function<ArmResult, List<Double>> values) {
        Map<String, List<ArmResult>> byArm = new LinkedHashMap<>();
        results.forEach(r -> byArm.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r));
        boolean bands = byArm.values().stream().anyMatch(runs -> runs.size() > 1);
        XYChart chart = Charts.chart(title + (bands ? " (mean over seeds, band: ±1 sd)" : ""), "epoch", yTitle);
        for (Map.Entry<String, List<ArmResult>> arm : byArm.entrySet()) {
            List<ArmResult> runs = arm.getValue();
            int epochs = runs.stream().mapToInt(r -> values.apply(r).size()).min().orElse(0);
            double[] xs = new double[epochs];
            double[] means = new double[epochs];
            double[] sds = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                int epoch = e;
                double[] atEpoch = runs.stream().mapToDouble(r -> values.apply(r).get(epoch)).toArray();
                xs[e] = e + 1;
                means[e] = Stats.mean(atEpoch);
                sds[e] = Stats.sampleSd(atEpoch);
            }
            String name = runs.size() > 1 ? arm.getKey() + " (" + runs.size() + " seeds)"
                    : arm.getKey() + " (seed " + runs.get(0).seed() + ")";
            Charts.meanWithBand(chart, arms.indexOf(arm.getKey()), name, xs, means, sds);
        }
        return chart;
    }
}
