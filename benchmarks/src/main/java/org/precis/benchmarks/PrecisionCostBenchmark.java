package org.precis.benchmarks;

import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
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
import org.precis.pc.PcNetworks;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.samples.arms.Arms;

/**
 * What learned precision costs per training step of the supervised PC layer 784-{@code levelSize}-{@code levelSize}-10
 * with a Gaussian top (batch 128, 20 relaxation steps, Adam): milliseconds per {@code net.fit(batch)}.
 *
 * <p>The variants differ in one thing at a time, so differences of their times are the costs:
 * <ul>
 * <li>{@code fixed}: no learned precision, step bound off (every level steps at the state rate);</li>
 * <li>{@code bound}: the same with the default step bound (a warm-started power iteration per weight matrix, once
 *     per batch, and the per-level steps) — {@code bound - fixed} is the step bound's cost;</li>
 * <li>{@code diagonal}: diagonal running-moment precision on every level, step bound on (the {@code pc-precision}
 *     arm's layer) — {@code diagonal - bound} is the estimator's cost (moments, damped inverse, precision-weighted
 *     errors);</li>
 * <li>{@code full-output}: no hidden precision, a full running-moment output precision (Cholesky solve of the damped
 *     10 x 10 moment), step bound on (the {@code pc-natgrad} arm's precisions, without its Kronecker steps).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class PrecisionCostBenchmark {

    /** Units of each of the two hidden levels. */
    @Param({"256", "1024"})
    public int levelSize;

    /** Which precision and step-bound setting (see the class comment). */
    @Param({"fixed", "bound", "diagonal", "full-output"})
    public String variant;

    private DataSet[] batches;
    private MultiLayerNetwork net;
    private int next;

    /** Loads the batches once per fork. */
    @Setup(Level.Trial)
    public void loadBatches() {
        batches = FixtureBatches.of(128);
    }

    /** A freshly initialised network for every iteration, so precisions start from the same state each time. */
    @Setup(Level.Iteration)
    public void createNetwork() {
        PredictiveCodingOutputLayer.Builder layer = PcNetworks.supervisedMlpLayer(784, new int[] {levelSize,
                levelSize}, 10, PrecisionForm.DIAGONAL, new Adam(Arms.PC_LEARNING_RATE));
        switch (variant) {
            case "fixed" -> layer.hiddenPrecision(PrecisionForm.NONE).outputPrecision(PrecisionForm.NONE).stepBound(0);
            case "bound" -> layer.hiddenPrecision(PrecisionForm.NONE).outputPrecision(PrecisionForm.NONE);
            case "diagonal" -> layer.hiddenPrecision(PrecisionForm.DIAGONAL).outputPrecision(PrecisionForm.DIAGONAL);
            case "full-output" -> layer.hiddenPrecision(PrecisionForm.NONE).outputPrecision(PrecisionForm.FULL);
            default -> throw new IllegalArgumentException("unknown variant " + variant);
        }
        net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(layer.relaxationSteps(20).build()).build());
        net.init();
        next = 0;
    }

    /** One training step: feed-forward sweep, 20 relaxation steps, the precision update and one weight step. */
    @Benchmark
    public void trainingStep() {
        net.fit(batches[next]);
        next = (next + 1) % batches.length;
    }
}
