package org.precis.natgrad.blas;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code c <- alpha op(a) op(b) + beta c}, the general matrix product, called straight into BLAS on the CPU backend.
 *
 * <p>ND4J 1.0.0-M2.1's {@code Nd4j.gemm} runs a custom op: per call it builds an op context, allocates native
 * argument and shape buffers (each allocation reads the process's resident size for JavaCPP's memory limit) and then
 * calls the same BLAS. That set-up costs about 9-10 us a call, as much as a small product itself: in JMH
 * ({@code GemmBenchmark}, one thread) a 128 x 10 by 10 x 256 product takes 17 us through ND4J and 7.6 us straight
 * into BLAS, a 128 x 256 by 256 x 256 one 154 and 145 us. This class passes the arrays' memory to OpenBLAS's
 * {@code cblas_sgemm}/{@code cblas_dgemm} where they lie: each operand column- or row-major with any leading
 * dimension (views into larger arrays included), the target too. Anything else (other backends, mixed or other data
 * types, arrays BLAS cannot read in place) goes to {@code Nd4j.gemm}, which requires a target that is not a view. An
 * operand that shares memory with the target is read from a copy, so the product is that of the values before the
 * call.
 */
public final class Gemm {

    private Gemm() {
    }

    /**
     * {@code c <- alpha op(a) op(b) + beta c}, with {@code op(x)} the transpose of {@code x} when its flag is set.
     *
     * @param a          {@code m x k} after {@code op}; not modified
     * @param transposeA whether to multiply by the transpose of {@code a}
     * @param b          {@code k x n} after {@code op}; not modified
     * @param transposeB whether to multiply by the transpose of {@code b}
     * @param c          {@code m x n}; overwritten (read first unless {@code beta} is 0)
     * @param alpha      scale of the product
     * @param beta       scale of the old {@code c}
     * @return {@code c}
     * @throws IllegalArgumentException when the shapes do not match
     */
    public static INDArray multiply(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c,
                                    double alpha, double beta) {
        long m = transposeA ? a.columns() : a.rows();
        long k = transposeA ? a.rows() : a.columns();
        long kb = transposeB ? b.columns() : b.rows();
        long n = transposeB ? b.rows() : b.columns();
        if (k != kb || c.rows() != m || c.columns() != n) {
            throw new IllegalArgumentException("matrix product of shapes " + shape(a, transposeA) + " and "
                    + shape(b, transposeB) + " into " + c.rows() + "x" + c.columns() + " does not match");
        }
        if (!direct(a, transposeA, b, transposeB, c, alpha, beta, (int) m, (int) n, (int) k)) {
            Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
        }
        return c;
    }

    private static String shape(INDArray x, boolean transpose) {
        return transpose ? x.columns() + "x" + x.rows() : x.rows() + "x" + x.columns();
    }

    /** Calls BLAS when it can take the arrays in place; returns whether it did. */
    private static boolean direct(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c,
                                  double alpha, double beta, int m, int n, int k) {
        DataType type = c.dataType();
        if (!Nd4j.getEnvironment().isCPU() || (type != DataType.FLOAT && type != DataType.DOUBLE)
                || a.dataType() != type || b.dataType() != type || k == 0) {
            return false;
        }
        BlasMatrix left = BlasMatrix.of(a);
        BlasMatrix right = BlasMatrix.of(b);
        BlasMatrix target = BlasMatrix.of(c);
        if (left == null || right == null || target == null) {
            return false;
        }
        // An operand within the target's span of memory (sharing elements with it, or interleaved like two column
        // blocks of one row-major array) is read from a copy, as BLAS would otherwise read values it has overwritten.
        if (overlaps(target, c, left, a)) {
            left = BlasMatrix.of(a.dup());
        }
        if (overlaps(target, c, right, b)) {
            right = BlasMatrix.of(b.dup());
        }
        // BLAS reads every matrix in the target's layout; an operand stored the other way is its own transpose.
        int order = target.columnMajor() ? openblas_nolapack.CblasColMajor : openblas_nolapack.CblasRowMajor;
        int opA = transposeA ^ (left.columnMajor() != target.columnMajor())
                ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int opB = transposeB ^ (right.columnMajor() != target.columnMajor())
                ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        if (type == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(order, opA, opB, m, n, k, (float) alpha, left.floats(),
                    left.leadingDimension(), right.floats(), right.leadingDimension(), (float) beta, target.floats(),
                    target.leadingDimension());
        } else {
            openblas_nolapack.cblas_dgemm(order, opA, opB, m, n, k, alpha, left.doubles(), left.leadingDimension(),
                    right.doubles(), right.leadingDimension(), beta, target.doubles(), target.leadingDimension());
        }
        return true;
    }

    /** Whether two matrices' spans of memory, from first to last element, intersect (by native address). */
    private static boolean overlaps(BlasMatrix x, INDArray xArray, BlasMatrix y, INDArray yArray) {
        long xStart = x.address();
        long yStart = y.address();
        return xStart < yStart + bytes(yArray) && yStart < xStart + bytes(xArray);
    }

    /** Bytes from a matrix's first element to the end of its last. */
    private static long bytes(INDArray x) {
        long elements = (x.rows() - 1) * x.stride(0) + (x.columns() - 1) * x.stride(1) + 1;
        return elements * x.dataType().width();
    }
}
