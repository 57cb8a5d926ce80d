package org.precis.benchmarks;

import java.util.concurrent.TimeUnit;

import org.nd4j.linalg.api.buffer.DataType;
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
import org.precis.natgrad.blas.Gemm;

/**
 * The matrix products of one relaxation step of the supervised PC layer 784-{@code levelSize}-{@code levelSize}-10
 * at batch 128, and nothing else: the GEMM bound of {@link RelaxationStepBenchmark}'s relaxation step, measured with
 * the same calls ({@link Gemm}, straight into BLAS, as the engine makes them), shapes, data type (float) and layouts
 * (values row-major, weights column-major as the layer's parameter views); microseconds per step.
 *
 * <p>A step with the input and the label clamped moves the two hidden levels: it back-projects the error signals of
 * the levels they predict ({@code g_2 W_2^T} into {@code x_1}, {@code g_3 W_3^T} into {@code x_2}) and recomputes
 * those two predictions ({@code x_1 W_2}, {@code x_2 W_3}); the prediction of level 1 from the clamped input does not
 * change. That is {@code 2 * 128 * 2 * (n^2 + 10 n)} floating-point operations for {@code n = levelSize}; divided by
 * this benchmark's time it gives the GEMM rate BLAS reaches at these shapes, and a relaxation step's time divided by
 * this one is how far the step is above its GEMM bound.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class RelaxationGemmBenchmark {

    private static final int BATCH = 128;
    private static final int CLASSES = 10;

    /** Units of each of the two hidden levels. */
    @Param({"64", "256", "1024"})
    public int levelSize;

    private INDArray x1;
    private INDArray x2;
    private INDArray g2;
    private INDArray g3;
    private INDArray w2;
    private INDArray w3;
    private INDArray a2;
    private INDArray a3;

    /** Random values, error signals and weights of the layer's shapes. */
    @Setup(Level.Trial)
    public void setUp() {
        Nd4j.getRandom().setSeed(1);
        x1 = Nd4j.randn(DataType.FLOAT, BATCH, levelSize);
        x2 = Nd4j.randn(DataType.FLOAT, BATCH, levelSize);
        g2 = Nd4j.randn(DataType.FLOAT, BATCH, levelSize).muli(0.01);
        g3 = Nd4j.randn(DataType.FLOAT, BATCH, CLASSES).muli(0.01);
        w2 = Nd4j.randn(DataType.FLOAT, levelSize, levelSize).muli(1.0 / Math.sqrt(levelSize)).dup('f');
        w3 = Nd4j.randn(DataType.FLOAT, levelSize, CLASSES).muli(1.0 / Math.sqrt(levelSize)).dup('f');
        a2 = Nd4j.create(DataType.FLOAT, BATCH, levelSize);
        a3 = Nd4j.create(DataType.FLOAT, BATCH, CLASSES);
    }

    /** The four GEMMs of one relaxation step, as the engine issues them. */
    @Benchmark
    public INDArray relaxationStepGemms() {
        Gemm.multiply(g2, false, w2, true, x1, 1e-3, 1.0);
        Gemm.multiply(g3, false, w3, true, x2, 1e-3, 1.0);
        Gemm.multiply(x1, false, w2, false, a2, 1.0, 0.0);
        Gemm.multiply(x2, false, w3, false, a3, 1.0, 0.0);
        return a3;
    }
}
