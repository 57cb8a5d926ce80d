package org.precis.samples.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.precis.data.TrainTestData;
import org.precis.data.fashion.FashionMnist;
import org.precis.samples.arms.Architecture;
import org.precis.samples.arms.Arms;
import org.precis.samples.arms.NetworkShape;

/**
 * The harness keeps nothing per epoch: a run of many epochs (evaluated and checkpointed after each) holds no more
 * native memory once its garbage is collected than a run of two. Holding on to an epoch's batches, evaluation or
 * checkpoint buffers would add at least the test set (500 images, 1.5 MiB) per epoch.
 */
class ArmRunnerMemoryTest {

    private static final TrainTestData DATA = FashionMnist.fixture().limitTrain(256);
    private static final NetworkShape SHAPE = new NetworkShape(784, new int[] {16}, 10);
    /** The shape of the same size for the arms that train the convolutional architecture only. */
    private static final NetworkShape CONV_SHAPE = Architecture.CONV.shape(784, new int[] {16}, 10);
    /**
     * Epochs of the shorter run: long enough for every periodic update to have allocated the buffers it keeps
     * (adaptive K-FAC's first damping adaptations allocate about 1 MiB once, between epochs 2 and 12 here), so that
     * the difference is what ten more epochs add.
     */
    private static final int SHORT_RUN = 12;
    private static final int LONG_RUN = SHORT_RUN + 10;
    /** Far below one test set per extra epoch (10 x 1.5 MiB), far above the counters' jitter (a few kB). */
    private static final double ALLOWED_GROWTH_MIB = 1.0;
    private static final long SETTLE_MILLIS = 5_000;

    static Iterable<String> arms() {
        return Arms.allNames();
    }

    @Test
    void aLongRunHoldsNoMoreNativeMemoryThanAShortOne(@TempDir Path dir) throws InterruptedException {
        assertLongRunHoldsNoMoreThanShortRun("bp-sgd", dir);
    }

    /** The same for every registered arm (their own state included: K-FAC's factors, PC's Kronecker steps). */
    @Tag("slow")
    @ParameterizedTest
    @MethodSource("arms")
    void everyArmsLongRunHoldsNoMoreNativeMemoryThanAShortOne(String arm, @TempDir Path dir)
            throws InterruptedException {
        assertLongRunHoldsNoMoreThanShortRun(arm, dir);
    }

    private static void assertLongRunHoldsNoMoreThanShortRun(String arm, Path dir) throws InterruptedException {
        double afterShortRun = nativeMiBHeldAfter(arm, SHORT_RUN, dir.resolve("short"));
        double afterLongRun = nativeMiBHeldAfter(arm, LONG_RUN, dir.resolve("long"));

        assertThat(afterLongRun - afterShortRun).as("%s: native memory in use after %d epochs minus after %d, MiB",
                arm, LONG_RUN, SHORT_RUN).isLessThan(ALLOWED_GROWTH_MIB);
    }

    /** Trains a run of {@code epochs} and measures the native memory in use while its state is still held. */
    private static double nativeMiBHeldAfter(String arm, int epochs, Path checkpoints) throws InterruptedException {
        NetworkShape shape = trainsConvolutionsOnly(arm) ? CONV_SHAPE : SHAPE;
        ArmRunner runner = new ArmRunner(DATA, new TrainingBudget(shape, epochs, 64),
                new Progress(new PrintStream(new ByteArrayOutputStream()), 1, false));
        TrainingState state = runner.train(Arms.byName(arm), new NoiseSetting(0.1, 0.2), 3,
                new RunCheckpoints(checkpoints, 1));
        double held = settledNativeMiB();
        assertThat(state.memory).hasSize(epochs);
        return held;
    }

    private static boolean trainsConvolutionsOnly(String arm) {
        try {
            Arms.byName(arm).checkShape(SHAPE);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /**
     * ND4J arrays and workspaces and JavaCPP pointers in use, once a collection has found the garbage and ND4J's
     * and JavaCPP's deallocator threads have freed it (the figure stops moving).
     */
    private static double settledNativeMiB() throws InterruptedException {
        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        double previous = Double.NaN;
        while (true) {
            System.gc();
            Thread.sleep(200);
            MemoryUse m = MemoryUse.now();
            double now = m.nd4jArraysMiB() + m.nd4jWorkspacesMiB() + m.javacppMiB();
            if (now == previous || System.currentTimeMillis() > deadline) {
                return now;
            }
            previous = now;
        }
    }
}
