package org.precis.benchmarks;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.precis.natgrad.updaters.JavaAdam;

/**
 * One Adam update of the 269,322 float parameters of the 784-256-256-10 network, as DL4J's updater block applies
 * it (the gradient turned into the update in place, the state a flat view): ND4J's {@code Adam} ({@code nd4j}) and
 * {@link JavaAdam} ({@code java}); microseconds per call. The gradient is restored from a copy before each call, so
 * both run on the same values every time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class AdamBenchmark {

    /** Parameters of the 784-256-256-10 network: weights and biases of its three layers. */
    static final int PARAMETERS = 784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10;

    /** Which implementation: ND4J's native op or the Java loop. */
    @Param({"nd4j", "java"})
    public String updater;

    private GradientUpdater<?> worker;
    private INDArray gradient;
    private INDArray original;
    private int iteration;

    /** A fresh updater state and a gradient of the network's scale. */
    @Setup(Level.Trial)
    public void setUp() {
        IUpdater config = "java".equals(updater) ? new JavaAdam(1e-3) : new Adam(1e-3);
        worker = config.instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2L * PARAMETERS), true);
        Nd4j.getRandom().setSeed(1);
        original = Nd4j.randn(DataType.FLOAT, 1, PARAMETERS).muli(1e-2);
        gradient = original.dup();
    }

    /** @return the update (so the call is not eliminated) */
    @Benchmark
    public INDArray update() {
        gradient.assign(original);
        worker.applyUpdater(gradient, iteration++, 0);
        return gradient;
    }
}
