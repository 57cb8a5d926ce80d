package org.precis.benchmarks;

import java.util.concurrent.TimeUnit;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
import org.precis.natgrad.blocks.DenseKroneckerFactoredBlock;
import org.precis.natgrad.blocks.InverseMethod;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.memory.ScratchMemory;

/**
 * The three operations of a K-FAC curvature block ({@link DenseKroneckerFactoredBlock}) of one dense layer, in
 * float32 as in a float network, batch 128, inside the scratch workspace the estimator uses; microseconds per call.
 *
 * <ul>
 *   <li>{@code factorUpdate}: fold one batch into the factors A and G (every curvature step);</li>
 *   <li>{@code inverse}: the damped inverses of both factors (every inverse step);</li>
 *   <li>{@code precondition}: the natural gradient {@code A^-1 [dW; db] G^-1} of a gradient (every step);</li>
 *   <li>{@code preconditionFromFactors}: the same from the gradient's factors {@code [a, 1]^T g} (every step, where
 *       cheaper).</li>
 * </ul>
 *
 * Layer sizes {@code nIn x nOut}: the three layers of the standard 784-256-256-10 network and a wide one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class KFacBlockBenchmark {

    private static final int BATCH = 128;

    /** {@code nIn x nOut} of the layer. */
    @Param({"784x256", "256x256", "256x10", "1024x1024"})
    public String layer;

    private DenseKroneckerFactoredBlock block;
    private INDArray inputs;
    private INDArray outputGradients;
    private INDArray weightGradient;
    private INDArray biasGradient;
    private INDArray naturalWeights;
    private INDArray naturalBias;
    private double decay;
    private double damping;

    /** A block with factors estimated from a few random batches and inverted once. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] sizes = layer.split("x");
        int nIn = Integer.parseInt(sizes[0]);
        int nOut = Integer.parseInt(sizes[1]);
        KFac defaults = new KFac();
        decay = defaults.getFactorDecay();
        damping = defaults.getDamping();
        Nd4j.getRandom().setSeed(1);
        // Inputs like ReLU activations or pixels (non-negative, correlated through their mean), per-example output
        // gradients like a softmax layer's at the start of training.
        inputs = Nd4j.rand(DataType.FLOAT, BATCH, nIn);
        outputGradients = Nd4j.randn(DataType.FLOAT, BATCH, nOut).muli(0.1);
        // Laid out like DL4J's gradient views: weights column-major, bias a row.
        weightGradient = Nd4j.randn(DataType.FLOAT, nIn, nOut).muli(1e-3).dup('f');
        biasGradient = Nd4j.randn(DataType.FLOAT, 1, nOut).muli(1e-3);
        naturalWeights = Nd4j.create(DataType.FLOAT, new long[] {nIn, nOut}, 'f');
        naturalBias = Nd4j.create(DataType.FLOAT, 1, nOut);
        block = new DenseKroneckerFactoredBlock(nIn, nOut, InverseMethod.CHOLESKY, "benchmark layer " + layer);
        for (int i = 0; i < 3; i++) {
            factorUpdate();
        }
        inverse();
    }

    /** Folds one batch into both factors. */
    @Benchmark
    public void factorUpdate() {
        try (MemoryWorkspace ignored = ScratchMemory.open(ScratchMemory.PRECONDITION)) {
            block.updateCurvature(inputs, outputGradients, decay);
        }
    }

    /** Recomputes both damped inverses. */
    @Benchmark
    public void inverse() {
        try (MemoryWorkspace ignored = ScratchMemory.open(ScratchMemory.PRECONDITION)) {
            block.updateInverse(damping);
        }
    }

    /**
     * The same natural gradient from the factors of the gradient, {@code [dW; db] = [a, 1]^T g}, as the estimator
     * computes it for layers where {@link DenseKroneckerFactoredBlock#prefersGradientFactors} (784x256 at batch 128).
     */
    @Benchmark
    public void preconditionFromFactors() {
        try (MemoryWorkspace ignored = ScratchMemory.open(ScratchMemory.PRECONDITION)) {
            block.multiplyInverseOfProduct(inputs, outputGradients, naturalWeights, naturalBias);
        }
    }

    /** The natural gradient of a float gradient held as DL4J holds it (weights and bias apart). */
    @Benchmark
    public void precondition() {
        try (MemoryWorkspace ignored = ScratchMemory.open(ScratchMemory.PRECONDITION)) {
            block.multiplyInverse(weightGradient, biasGradient, naturalWeights, naturalBias);
        }
    }
}
