package org.precis.samples.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.api.preprocessor.CompositeDataSetPreProcessor;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.TrainTestData;
import org.precis.data.noise.GaussianInputNoise;
import org.precis.data.noise.SymmetricLabelNoise;
import org.precis.samples.arms.Arm;

/**
 * Trains one arm with one seed and measures it after every epoch.
 *
 * <p>Everything random is derived from the seed alone, never from the arm, so every arm sees the same initial
 * data order, the same corrupted labels and the same input noise. The test set gets input noise too (with its
 * own fixed draw, identical in every epoch) but never label noise.
 */
public final class ArmRunner {

    /** Added to the run seed for the training input noise, so it differs from the shuffling stream. */
    static final long TRAIN_NOISE_SEED_OFFSET = 1_000_003L;
    /** Added to the run seed for the test input noise. */
    static final long TEST_NOISE_SEED_OFFSET = 2_000_003L;
    /** Added to the run seed for the label noise. */
    static final long LABEL_NOISE_SEED_OFFSET = 3_000_017L;
    /** Batch size of evaluation (any size gives the same accuracy; larger is faster). */
    static final int EVALUATION_BATCH = 1000;

    private final TrainTestData data;
    private final TrainingBudget budget;
    private final Progress progress;
    private final int batchesPerEpoch;

    /**
     * @param data     the data (not modified)
     * @param budget   architecture and budget shared by all runs
     * @param progress where to report progress
     */
    public ArmRunner(TrainTestData data, TrainingBudget budget, Progress progress) {
        this.data = data;
        this.budget = budget;
        this.progress = progress;
        this.batchesPerEpoch = budget.batchesPerEpoch(data.train().numExamples());
    }

    /** Trains {@code arm} from scratch with {@code seed} under the given noise for the budgeted epochs. */
    public ArmResult run(Arm arm, NoiseSetting noise, long seed) {
        progress.startRun(String.format(Locale.ROOT, "%-12s seed %d, label noise %.2f, input noise %.2f",
                arm.name(), seed, noise.labelNoise(), noise.inputNoise()));
        MultiLayerNetwork net = arm.createNetwork(budget.shape(), seed);
        ShuffledDataSetIterator train = new ShuffledDataSetIterator(data.train(), budget.batchSize(), true, seed);
        train.setPreProcessor(new CompositeDataSetPreProcessor(
                new SymmetricLabelNoise(noise.labelNoise(), seed + LABEL_NOISE_SEED_OFFSET),
                new GaussianInputNoise(noise.inputNoise(), seed + TRAIN_NOISE_SEED_OFFSET)));
        EpochLossListener losses = new EpochLossListener();
        // add, not set: an arm may have attached listeners of its own (K-FAC does).
        net.addListeners(losses);

        List<Double> accuracies = new ArrayList<>();
        List<Double> trainLosses = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (int epoch = 1; epoch <= budget.epochs(); epoch++) {
            losses.startEpoch(epoch);
            long start = System.nanoTime();
            net.fit(train);
            seconds.add((System.nanoTime() - start) / 1e9);
            trainLosses.add(losses.meanLoss());
            accuracies.add(testAccuracy(net, noise, seed));
        }
        double last = accuracies.get(accuracies.size() - 1);
        progress.endRun(String.format(Locale.ROOT, "test accuracy %.4f | %.2f s/epoch", last,
                seconds.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        return new ArmResult(arm.name(), seed, noise.labelNoise(), noise.inputNoise(), last, accuracies,
                trainLosses, seconds, arm.diagnostics(net));
    }

    private double testAccuracy(MultiLayerNetwork net, NoiseSetting noise, long seed) {
        ShuffledDataSetIterator test = new ShuffledDataSetIterator(data.test(), EVALUATION_BATCH, false, 0);
        test.setPreProcessor(new GaussianInputNoise(noise.inputNoise(), seed + TEST_NOISE_SEED_OFFSET));
        Evaluation evaluation = net.evaluate(test);
        return evaluation.accuracy();
    }

    /** Averages the score of every batch of an epoch and drives the progress line. */
    private final class EpochLossListener extends BaseTrainingListener {
        private int epoch;
        private int batches;
        private double sum;

        void startEpoch(int epoch) {
            this.epoch = epoch;
            this.batches = 0;
            this.sum = 0;
        }

        double meanLoss() {
            return batches == 0 ? Double.NaN : sum / batches;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epochIgnored) {
            double score = model.score();
            batches++;
            sum += score;
            progress.batchDone(epoch, budget.epochs(), batches, batchesPerEpoch, score);
        }
    }
}
