package org.precis.samples.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one arm trained with one seed (field names are those of {@code results.json}).
 *
 * @param name                 arm name
 * @param seed                 run seed
 * @param labelNoise           label-noise fraction of the run
 * @param inputNoise           input-noise standard deviation of the run
 * @param testAccuracy         test accuracy after the last epoch, in [0, 1]
 * @param testAccuracyPerEpoch test accuracy after each epoch
 * @param trainLossPerEpoch    mean training loss (the network's score) over each epoch's batches
 * @param trainingLoss         what that loss is, e.g. {@code cross-entropy} (see {@link TrainingLoss})
 * @param secondsPerEpoch      wall time of each epoch's training, evaluation excluded
 * @param residentMiBPerEpoch  resident memory of the process after each epoch, in MiB (empty where the operating
 *                             system does not report it)
 * @param memoryPerEpoch       where that memory was after each epoch: Java heap, ND4J arrays and workspaces (see
 *                             {@link MemoryUse}; empty in results written before it was recorded)
 * @param diagnostics          arm-specific figures of the trained network (e.g. learned precisions), by name
 * @param diagnosticsTrace     the diagnostics during training, every few iterations ({@link DiagnosticsTrace}); empty
 *                             for an arm without them
 */
public record ArmResult(String name, long seed, double labelNoise, double inputNoise, double testAccuracy,
        List<Double> testAccuracyPerEpoch, List<Double> trainLossPerEpoch, String trainingLoss,
        List<Double> secondsPerEpoch, List<Double> residentMiBPerEpoch, List<MemoryUse> memoryPerEpoch,
        Map<String, Double> diagnostics, Map<String, List<Double>> diagnosticsTrace) {

    /** Copies the lists and the map. */
    public ArmResult {
        testAccuracyPerEpoch = List.copyOf(testAccuracyPerEpoch);
        trainLossPerEpoch = List.copyOf(trainLossPerEpoch);
        secondsPerEpoch = List.copyOf(secondsPerEpoch);
        residentMiBPerEpoch = residentMiBPerEpoch == null ? List.of() : List.copyOf(residentMiBPerEpoch);
        memoryPerEpoch = memoryPerEpoch == null ? List.of() : List.copyOf(memoryPerEpoch);
        diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
        diagnosticsTrace = Collections.unmodifiableMap(new LinkedHashMap<>(diagnosticsTrace == null ? Map.of()
                : diagnosticsTrace));
    }

    /** The noise setting of this run. */
    public NoiseSetting noise() {
        return new NoiseSetting(labelNoise, inputNoise);
    }

    /** The run this result belongs to. */
    public RunKey key() {
        return new RunKey(name, seed, noise());
    }

    /** Mean of {@link #secondsPerEpoch()}. */
    public double meanSecondsPerEpoch() {
        return secondsPerEpoch.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
