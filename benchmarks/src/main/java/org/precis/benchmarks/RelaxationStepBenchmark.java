package org.precis.benchmarks;

import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;
import org.precis.pc.PcNetworks;
import org.precis.pc.conf.PrecisionForm;
import org.precis.samples.arms.Arms;

/**
 * The supervised predictive-coding layer of the {@code pc} arm with hidden levels of {@code levelSize} units
 * (784-{@code levelSize}-{@code levelSize}-10), trained one batch of 128 at a time with {@code relaxationSteps}
 * relaxation steps; milliseconds per training step.
 *
 * <p>One relaxation step costs {@code (t(21) - t(1)) / 20}: both runs share the feed-forward sweep and the weight
 * step, so their difference is twenty relaxation steps. The network is built through the public configuration API
 * only ({@link PcNetworks#supervisedMlpLayer}), as a user's program would build it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class RelaxationStepBenchmark extends FixtureTraining {

    /** Units of each of the two hidden levels. */
    @Param({"64", "256", "1024"})
    public int levelSize;

    /** Relaxation steps per training step (T). */
    @Param({"1", "21"})
    public int relaxationSteps;

    @Override
    protected MultiLayerNetwork createNetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1)
                .list()
                .layer(PcNetworks.supervisedMlpLayer(784, new int[] {levelSize, levelSize}, 10, PrecisionForm.NONE,
                        new Adam(Arms.PC_LEARNING_RATE)).relaxationSteps(relaxationSteps).build())
                .build());
        net.init();
        return net;
    }

    /** One training step: feed-forward sweep, {@code relaxationSteps} relaxation steps, one weight step. */
    @Benchmark
    public void trainingStep() {
        train(1);
    }
}
