package org.precis.samples.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.preprocessor.CompositeDataSetPreProcessor;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.TrainTestData;
import org.precis.data.noise.GaussianInputNoise;
import org.precis.data.noise.SymmetricLabelNoise;

/**
 * Everything one run needs to go on training: the network, the training batches (order and noise) and the figures
 * of the epochs done so far. Made fresh by {@link #start}, or restored from a checkpoint by {@link RunCheckpoints}.
 *
 * <p>Everything random is derived from the run seed alone, never from the arm, so every arm sees the same data
 * order, the same corrupted labels and the same input noise.
 */
final class TrainingState {

    /** Added to the run seed for the training input noise, so it differs from the shuffling stream. */
    static final long TRAIN_NOISE_SEED_OFFSET = 1_000_003L;
    /** Added to the run seed for the label noise. */
    static final long LABEL_NOISE_SEED_OFFSET = 3_000_017L;

    final MultiLayerNetwork net;
    final ShuffledDataSetIterator train;
    final GaussianInputNoise trainNoise;
    final List<Double> testAccuracies;
    final List<Double> trainLosses;
    final List<Double> seconds;
    final List<Double> residentMiB;
    final List<MemoryUse> memory;
    final DiagnosticsTrace trace;

    private TrainingState(MultiLayerNetwork net, ShuffledDataSetIterator train, GaussianInputNoise trainNoise,
            List<Double> testAccuracies, List<Double> trainLosses, List<Double> seconds, List<Double> residentMiB,
            List<MemoryUse> memory, DiagnosticsTrace trace) {
        this.net = net;
        this.trace = trace;
        this.train = train;
        this.trainNoise = trainNoise;
        this.testAccuracies = new ArrayList<>(testAccuracies);
        this.trainLosses = new ArrayList<>(trainLosses);
        this.seconds = new ArrayList<>(seconds);
        this.residentMiB = new ArrayList<>(residentMiB);
        this.memory = new ArrayList<>(memory);
    }

    /** A run before its first epoch: the arm's new network, the training batches in their first order. */
    static TrainingState start(MultiLayerNetwork net, TrainTestData data, TrainingBudget budget, RunKey key) {
        return resume(net, data, budget, key, List.of(), List.of(), List.of(), List.of(), List.of(), Map.of());
    }

    /**
     * A run part-way through: the restored network, fresh training batches (to be moved to their saved position and
     * noise state by the caller), the figures of the epochs done and the diagnostics traced so far.
     */
    static TrainingState resume(MultiLayerNetwork net, TrainTestData data, TrainingBudget budget, RunKey key,
            List<Double> testAccuracies, List<Double> trainLosses, List<Double> seconds, List<Double> residentMiB,
            List<MemoryUse> memory, Map<String, List<Double>> trace) {
        long seed = key.seed();
        ShuffledDataSetIterator train = new ShuffledDataSetIterator(data.train(), budget.batchSize(), true, seed);
        GaussianInputNoise trainNoise = new GaussianInputNoise(key.noise().inputNoise(),
                seed + TRAIN_NOISE_SEED_OFFSET);
        train.setPreProcessor(new CompositeDataSetPreProcessor(
                new SymmetricLabelNoise(key.noise().labelNoise(), seed + LABEL_NOISE_SEED_OFFSET), trainNoise));
        return new TrainingState(net, train, trainNoise, testAccuracies, trainLosses, seconds, residentMiB,
                memory, new DiagnosticsTrace(trace));
    }

    /** Epochs trained so far. */
    int epochsDone() {
        return testAccuracies.size();
    }

    /** Appends the figures of the epoch just trained and measured. */
    void epochDone(double testAccuracy, double trainLoss, double epochSeconds) {
        testAccuracies.add(testAccuracy);
        trainLosses.add(trainLoss);
        seconds.add(epochSeconds);
        MemoryUse now = MemoryUse.now();
        memory.add(now);
        if (!Double.isNaN(now.residentMiB())) {
            residentMiB.add(now.residentMiB());
        }
    }
}
