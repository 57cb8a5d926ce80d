package org.precis.benchmarks;

import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;
import org.precis.samples.arms.Arms;
import org.precis.samples.arms.NetworkShape;

/**
 * One training step ({@code net.fit(batch)}, batch 128) of a {@code compare} arm on the standard network
 * 784-256-256-10, built exactly as {@code compare} builds it ({@link Arms#byName}); milliseconds per step.
 *
 * <p>Each invocation trains {@value #STEPS} steps, one whole inverse period of {@code kfac-10-100}, so the K-FAC arms'
 * occasional factor and inverse updates are counted at their true share. Every measurement iteration starts from a
 * freshly initialised network ({@link FixtureTraining}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@OperationsPerInvocation(TrainingStepBenchmark.STEPS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class TrainingStepBenchmark extends FixtureTraining {

    /** Training steps per invocation. */
    static final int STEPS = 100;

    /** The architecture of the standard comparison. */
    private static final NetworkShape SHAPE = new NetworkShape(784, new int[] {256, 256}, 10);

    /** The arm's name, as on {@code compare --arms}. */
    @Param({"bp-sgd", "bp-adam", "kfac", "kfac-10-100", "pc"})
    public String arm;

    @Override
    protected MultiLayerNetwork createNetwork() {
        return Arms.byName(arm).createNetwork(SHAPE, 1);
    }

    /** {@value #STEPS} training steps. */
    @Benchmark
    public void trainingStep() {
        train(STEPS);
    }
}
