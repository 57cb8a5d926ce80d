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
 * One float matrix product {@code c = a b} of the sizes a predictive-coding step of the 784-256-256-10 network
 * multiplies at batch 128 ({@code m x k x n}), through ND4J's op ({@code nd4j}: {@code Nd4j.gemm}) or straight into
 * BLAS ({@code direct}: {@link Gemm}); microseconds per call. All three arrays are column-major and reused.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class GemmBenchmark {

    /** {@code m x k x n}: a hidden level, the top's prediction and error signal, the input level. */
    @Param({"128x256x256", "128x256x10", "128x10x256", "128x784x256"})
    public String shape;

    /** Which path: ND4J's matrix-multiplication op or the direct BLAS call. */
    @Param({"nd4j", "direct"})
    public String path;

    private INDArray a;
    private INDArray b;
    private INDArray c;

    /** Random operands and a target of the shape. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] mkn = shape.split("x");
        long m = Long.parseLong(mkn[0]);
        long k = Long.parseLong(mkn[1]);
        long n = Long.parseLong(mkn[2]);
        Nd4j.getRandom().setSeed(1);
        a = Nd4j.rand(DataType.FLOAT, m, k).dup('f');
        b = Nd4j.rand(DataType.FLOAT, k, n).dup('f');
        c = Nd4j.create(DataType.FLOAT, new long[] {m, n}, 'f');
    }

    /** @return the product (so the call is not eliminated) */
    @Benchmark
    public INDArray multiply() {
        return "direct".equals(path)
                ? Gemm.multiply(a, false, b, false, c, 1.0, 0.0)
                : Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    }
}
