package org.precis.samples.experiment;

import java.util.Locale;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.evaluation.classification.Evaluation;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.TrainTestData;
import org.precis.data.noise.GaussianInputNoise;
import org.precis.samples.arms.Arm;

/**
 * Trains one arm with one seed and measures it after every epoch, checkpointing as it goes when asked.
 *
 * <p>The test set gets input noise too (with its own fixed draw, identical in every epoch) but never label noise.
 * See {@link TrainingState} for how the training data are drawn.
 */
public final class ArmRunner {

    /** Added to the run seed for the test input noise. */
    static final long TEST_NOISE_SEED_OFFSET = 2_000_003L;
    /** Batch size of evaluation (any size gives the same accuracy; larger is faster). */
    static final int EVALUATION_BATCH = 1000;

    private final TrainTestData data;
    private final TrainingBudget budget;
    private final Progress progress;
    private final int batchesPerEpoch;
    private final RunListeners runListeners;

    /**
     * @param data     the data (not modified)
     * @param budget   architecture and budget shared by all runs
     * @param progress where to report progress
     */
    public ArmRunner(TrainTestData data, TrainingBudget budget, Progress progress) {
        this(data, budget, progress, RunListeners.NONE);
    }

    /**
     * @param data         the data (not modified)
     * @param budget       architecture and budget shared by all runs
     * @param progress     where to report progress
     * @param runListeners extra listeners for each run's network
     */
    public ArmRunner(TrainTestData data, TrainingBudget budget, Progress progress, RunListeners runListeners) {
        this.data = data;
        this.budget = budget;
        this.progress = progress;
        this.batchesPerEpoch = budget.batchesPerEpoch(data.train().numExamples());
        this.runListeners = runListeners;
    }

    /** Trains {@code arm} from scratch with {@code seed} under the given noise for the budgeted epochs. */
    public ArmResult run(Arm arm, NoiseSetting noise, long seed) {
        return run(arm, noise, seed, RunCheckpoints.NONE);
    }

    /**
     * Trains {@code arm} with {@code seed} under the given noise for the budgeted epochs, continuing from the run's
     * checkpoint if it has one and writing checkpoints as {@code checkpoints} says. The caller deletes the last
     * checkpoint once it has recorded the result.
     */
    public ArmResult run(Arm arm, NoiseSetting noise, long seed, RunCheckpoints checkpoints) {
        TrainingState state = train(arm, noise, seed, checkpoints);
        double last = state.testAccuracies.get(state.testAccuracies.size() - 1);
        progress.endRun(String.format(Locale.ROOT, "test accuracy %.4f | %.2f s/epoch", last,
                state.seconds.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        return new ArmResult(arm.name(), seed, noise.labelNoise(), noise.inputNoise(), last, state.testAccuracies,
                state.trainLosses, TrainingLoss.of(state.net), state.seconds, state.residentMiB, state.memory,
                arm.diagnostics(state.net), state.trace.values());
    }

    /** The training of {@link #run}, returning the trained state (network included). */
    TrainingState train(Arm arm, NoiseSetting noise, long seed, RunCheckpoints checkpoints) {
        RunKey key = new RunKey(arm.name(), seed, noise);
        TrainingState state = checkpoints.restore(key, data, budget)
                .orElseGet(() -> TrainingState.start(arm.createNetwork(budget.shape(), seed), data, budget, key));
        progress.startRun(String.format(Locale.ROOT, "%-12s seed %d, label noise %.2f, input noise %.2f%s",
                arm.name(), seed, noise.labelNoise(), noise.inputNoise(),
                state.epochsDone() > 0 ? " (resumed after epoch " + state.epochsDone() + ")" : ""));
        MultiLayerNetwork net = state.net;
        EpochLossListener losses = new EpochLossListener();
        // add, not set: an arm may have attached listeners of its own (K-FAC does).
        net.addListeners(losses, state.trace);
        runListeners.forRun(arm.name(), seed, noise).forEach(net::addListeners);
        for (int epoch = state.epochsDone() + 1; epoch <= budget.epochs(); epoch++) {
            losses.startEpoch(epoch);
            long start = System.nanoTime();
            net.fit(state.train);
            double seconds = (System.nanoTime() - start) / 1e9;
            state.epochDone(testAccuracy(net, noise, seed), losses.meanLoss(), seconds);
            if (checkpoints.due(epoch, budget.epochs())) {
                checkpoints.save(key, state);
            }
        }
        return state;
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
