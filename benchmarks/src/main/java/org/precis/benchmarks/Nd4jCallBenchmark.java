package org.precis.benchmarks;

import java.util.concurrent.TimeUnit;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;
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

/**
 * What one ND4J call costs on the arrays of a relaxation step: a 128 x 256 float level (a 128 x 784 batch for the
 * whole-batch reductions), in place where ND4J allows it; microseconds per call. These are the figures behind the
 * PC engine's choices (which element-wise work it does in Java, which reductions go through BLAS's dot product):
 *
 * <ul>
 *   <li>{@code gemm}: 128 x 256 times 256 x 256, for scale;</li>
 *   <li>{@code tanh}, {@code tanhDouble}: in place, float and double (each after an {@code assign} of the
 *       input, a few microseconds);</li>
 *   <li>{@code addiRowVector}: the bias broadcast over the rows;</li>
 *   <li>{@code sub}, {@code muliScalar}, {@code assign}, {@code axpy}, {@code dot}: element-wise and BLAS level 1;</li>
 *   <li>{@code norm2}, {@code notFinite}, {@code dotSelf}: of the 128 x 784 batch (its 2-norm, ND4J's not-finite
 *       check, and BLAS's dot of the batch with itself, whose finiteness proves every value finite).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class Nd4jCallBenchmark {

    /** The call to time. */
    @Param({"gemm", "tanh", "tanhDouble", "addiRowVector", "sub", "muliScalar", "assign", "axpy", "dot", "norm2",
            "notFinite", "dotSelf"})
    public String call;

    private INDArray x;
    private INDArray y;
    private INDArray z;
    private INDArray xd;
    private INDArray zd;
    private INDArray w;
    private INDArray bias;
    private INDArray batch;
    private Runnable operation;

    /** Random arrays of the relaxation's shapes, and the call chosen. */
    @Setup(Level.Trial)
    public void setUp() {
        Nd4j.getRandom().setSeed(1);
        x = Nd4j.rand(DataType.FLOAT, 128, 256).subi(0.5).muli(4);
        y = Nd4j.rand(DataType.FLOAT, 128, 256);
        z = Nd4j.create(DataType.FLOAT, 128, 256);
        xd = x.castTo(DataType.DOUBLE);
        zd = xd.ulike();
        w = Nd4j.rand(DataType.FLOAT, 256, 256);
        bias = Nd4j.rand(DataType.FLOAT, 1, 256);
        batch = Nd4j.rand(DataType.FLOAT, 128, 784);
        operation = switch (call) {
            case "gemm" -> () -> Nd4j.gemm(x, w, z, false, false, 1.0, 0.0);
            // Each tanh starts again from x, so the values stay in the same range on every call.
            case "tanh" -> () -> Transforms.tanh(z.assign(x), false);
            case "tanhDouble" -> () -> Transforms.tanh(zd.assign(xd), false);
            case "addiRowVector" -> () -> z.addiRowVector(bias);
            case "sub" -> () -> x.sub(y, z);
            case "muliScalar" -> () -> z.muli(1.0);
            case "assign" -> () -> z.assign(y);
            // Not 0: BLAS returns at once when alpha is 0.
            case "axpy" -> () -> Nd4j.getBlasWrapper().level1().axpy(z.length(), 1e-3, y, z);
            case "dot" -> () -> Nd4j.getBlasWrapper().dot(x, y);
            case "norm2" -> () -> batch.norm2Number();
            case "notFinite" -> () -> BooleanIndexing.or(batch, Conditions.notFinite());
            case "dotSelf" -> () -> Nd4j.getBlasWrapper().dot(batch, batch);
            default -> throw new IllegalArgumentException("Unknown call " + call);
        };
    }

    /** One call. */
    @Benchmark
    public void call() {
        operation.run();
    }
}
