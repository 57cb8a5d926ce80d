package org.precis.samples.autoencode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The figures of every seed of an {@code autoencode} run, summarised per model and level: mean, standard deviation
 * and number of seeds of the probe accuracy, reconstruction error and MIG; mean seconds per epoch; the energy rises
 * of the PC models summed over seeds.
 *
 * @param models one summary per model, in the order of the run
 * @param meanImageMse the reconstruction error of predicting every test image by the training set's mean image
 */
public record AutoencodeSummary(List<ModelSummary> models, Stat meanImageMse) {

    /**
     * Mean, sample standard deviation and count of the non-null values of one figure over seeds.
     *
     * @param mean mean (NaN when there is no value)
     * @param sd sample standard deviation (0 for one value, NaN for none)
     * @param n number of values
     */
    public record Stat(double mean, double sd, int n) {

        /** @param values the values; nulls are skipped */
        static Stat of(List<Double> values) {
            List<Double> present = values.stream().filter(Objects::nonNull).toList();
            int n = present.size();
            if (n == 0) {
                return new Stat(Double.NaN, Double.NaN, 0);
            }
            double mean = present.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = present.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Stat(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0.0, n);
        }

        /** @return whether there is at least one value */
        public boolean measured() {
            return n > 0;
        }
    }

    /**
     * One level of one model.
     *
     * @param level level number
     * @param size units
     * @param probeAccuracy linear-probe test accuracy
     * @param reconstructionMse reconstruction error from this level
     * @param mig mutual information gap on sprites
     */
    public record LevelSummary(int level, int size, Stat probeAccuracy, Stat reconstructionMse, Stat mig) {
    }

    /**
     * One model.
     *
     * @param name model name
     * @param levels its levels, bottom first
     * @param secondsPerEpoch seconds per training epoch on the main data, over all epochs and seeds
     * @param relaxation PC models: each relaxation count summed over seeds (steps per relaxation averaged)
     * @param startComparison amortised PC models: each figure of the start comparison over seeds
     */
    public record ModelSummary(String name, List<LevelSummary> levels, Stat secondsPerEpoch,
            Map<String, Double> relaxation, Map<String, Stat> startComparison) {
    }

    /**
     * @param runs the reports of each seed, every seed with the same models in the same order
     * @param meanImageMse the mean-image reconstruction error of each seed
     * @return the summary
     */
    static AutoencodeSummary of(List<List<ModelReport>> runs, List<Double> meanImageMse) {
        List<ModelSummary> models = new ArrayList<>();
        for (int m = 0; m < runs.get(0).size(); m++) {
            int index = m;
            List<ModelReport> perSeed = runs.stream().map(r -> r.get(index)).toList();
            ModelReport first = perSeed.get(0);
            List<LevelSummary> levels = new ArrayList<>();
            for (int l = 0; l < first.levelSizes().length; l++) {
                int level = l;
                levels.add(new LevelSummary(l + 1, first.levelSizes()[l],
                        over(perSeed, r -> r.probeAccuracy().get(level)),
                        over(perSeed, r -> r.reconstructionMse().get(level)),
                        over(perSeed, r -> r.mig().get(level))));
            }
            List<Double> seconds = perSeed.stream().flatMap(r -> r.secondsPerEpoch().stream()).toList();
            Map<String, Double> relaxation = new LinkedHashMap<>();
            for (String key : first.relaxation().keySet()) {
                double sum = perSeed.stream().mapToDouble(r -> r.relaxation().get(key)).sum();
                relaxation.put(key, key.startsWith("stepsPer") ? sum / perSeed.size() : sum);
            }
            Map<String, Stat> starts = new LinkedHashMap<>();
            for (String key : first.startComparison().keySet()) {
                starts.put(key, over(perSeed, r -> r.startComparison().get(key)));
            }
            models.add(new ModelSummary(first.name(), levels, Stat.of(seconds), relaxation, starts));
        }
        return new AutoencodeSummary(models, Stat.of(meanImageMse));
    }

    private static Stat over(List<ModelReport> reports, Function<ModelReport, Double> figure) {
        return Stat.of(reports.stream().map(figure).toList());
    }

    /**
     * @param name a model name
     * @return its summary, or null if the run did not train it
     */
    public ModelSummary model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }
}
