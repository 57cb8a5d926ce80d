package org.precis.samples.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.precis.data.TrainTestData;
import org.precis.data.fashion.FashionMnist;
import org.precis.pc.conf.ConvolutionalLevel;
import org.precis.samples.arms.Arm;
import org.precis.samples.arms.Arms;
import org.precis.samples.arms.NetworkShape;

/**
 * Checkpoint and resume of a run, for every registered arm (the convolutional ones on a small convolutional front):
 * a run resumed from its checkpoint after epoch 2 of 3 ends with bit-for-bit the same weights, updater state,
 * per-epoch figures, diagnostics and their trace as the same run uninterrupted. Label and input noise are on, so the
 * data order, the corrupted labels and the noise stream must all continue exactly.
 */
class RunCheckpointsTest {

    private static final TrainTestData DATA = FashionMnist.fixture().limitTrain(192);
    private static final TrainingBudget BUDGET = new TrainingBudget(new NetworkShape(784, new int[] {12}, 10), 3, 64);
    /** The convolutional arms' budget: a small convolutional front (4 and 8 channels) keeps the test fast. */
    private static final TrainingBudget CONV_BUDGET = new TrainingBudget(new NetworkShape(784, new int[] {12}, 10,
            new int[] {1, 28, 28}, new ConvolutionalLevel[] {
                new ConvolutionalLevel.Builder(4, 3, 3).padding(1, 1).pooling(ConvolutionalLevel.Pooling.MAX, 2, 2)
                        .build(),
                new ConvolutionalLevel.Builder(8, 3, 3).padding(1, 1).pooling(ConvolutionalLevel.Pooling.MAX, 2, 2)
                        .build()}), 3, 64);
    private static final NoiseSetting NOISE = new NoiseSetting(0.2, 0.3);
    private static final long SEED = 5;

    static Iterable<String> arms() {
        return Arms.allNames();
    }

    private static ArmRunner runner() {
        return runner("kfac");
    }

    private static ArmRunner runner(String arm) {
        TrainingBudget budget = Arms.convolutionalNames().contains(arm) ? CONV_BUDGET : BUDGET;
        return new ArmRunner(DATA, budget, new Progress(new PrintStream(new ByteArrayOutputStream()), 1, false));
    }

    @ParameterizedTest
    @MethodSource("arms")
    void aRunResumedFromItsCheckpointEndsBitForBitWhereTheUninterruptedRunEnds(String name, @TempDir Path dir)
            throws IOException {
        Arm arm = Arms.byName(name);
        RunCheckpoints checkpoints = new RunCheckpoints(dir, 1);
        RunKey key = new RunKey(name, SEED, NOISE);

        // Checkpoints after epochs 1 and 2 of 3; the runner leaves the last one for its caller to delete.
        TrainingState uninterrupted = runner(name).train(arm, NOISE, SEED, checkpoints);
        assertThat(checkpoints.file(key)).exists();
        TrainingState resumed = runner(name).train(arm, NOISE, SEED, checkpoints);

        MultiLayerNetwork a = uninterrupted.net;
        MultiLayerNetwork b = resumed.net;
        assertThat(b.params()).isEqualTo(a.params());
        assertThat(b.getUpdater().getStateViewArray()).isEqualTo(a.getUpdater().getStateViewArray());
        assertThat(b.getIterationCount()).isEqualTo(a.getIterationCount());
        assertThat(b.getEpochCount()).isEqualTo(a.getEpochCount()).isEqualTo(3);
        assertThat(resumed.testAccuracies).isEqualTo(uninterrupted.testAccuracies).hasSize(3);
        assertThat(resumed.trainLosses).isEqualTo(uninterrupted.trainLosses);
        // Diagnostics that count over the whole run (PC's relaxation steps) continue across the checkpoint too.
        assertThat(arm.diagnostics(b)).isEqualTo(arm.diagnostics(a));
        assertThat(resumed.trace.values()).isEqualTo(uninterrupted.trace.values());
        // The first two epochs' figures come from the checkpoint, not from training them again.
        assertThat(resumed.seconds.subList(0, 2)).isEqualTo(uninterrupted.seconds.subList(0, 2));
        assertThat(resumed.memory.subList(0, 2)).isEqualTo(uninterrupted.memory.subList(0, 2));
        assertThat(resumed.memory).hasSize(3);
    }

    @Test
    void aDamagedCheckpointIsIgnoredAndTheRunStartsOverWithTheSameResult(@TempDir Path dir) throws IOException {
        // K-FAC's, the checkpoint with the most state; reading it is the same code for every arm.
        String name = "kfac";
        Arm arm = Arms.byName(name);
        RunCheckpoints checkpoints = new RunCheckpoints(dir, 1);
        TrainingState first = runner().train(arm, NOISE, SEED, checkpoints);
        Path file = checkpoints.file(new RunKey(name, SEED, NOISE));
        Files.write(file, new byte[] {1, 2, 3});

        TrainingState again = runner().train(arm, NOISE, SEED, checkpoints);

        assertThat(again.net.params()).isEqualTo(first.net.params());
        assertThat(again.testAccuracies).isEqualTo(first.testAccuracies);
    }
}
