package org.precis.natgrad.blocks;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Inverse of a symmetric positive definite matrix: on the CPU backend by LAPACK's Cholesky inverse
 * ({@link LapackCholesky}, about {@code n^3} flops), elsewhere by recursive 2 x 2 block elimination, the block form of
 * the Cholesky inverse: for {@code M = [[A, B], [B^T, C]]} with Schur complement {@code S = C - B^T A^-1 B} and
 * {@code T = A^-1 B},
 * <pre>
 * M^-1 = [[A^-1 + T S^-1 T^T,  -T S^-1],
 *         [-S^-1 T^T,          S^-1    ]]
 * </pre>
 * {@code A} and {@code S} are again symmetric positive definite, so both are inverted the same way down to blocks
 * of at most {@link #BASE} rows, which a plain Cholesky inverse handles. The recursion works in place on one
 * column-major copy of the matrix, every other operation a matrix product on its blocks (about {@code 5 n^3 / 3}
 * flops in all, all in BLAS GEMM, which reads and writes the blocks where they lie), where ND4J's {@code potrf}
 * wrapper plus a triangular inverse and the product of the two triangles cost several times as long. Without
 * pivoting, like Cholesky; stable for positive definite matrices. Double precision throughout; arguments are not
 * modified.
 */
final class SpdInverse {

    /** Largest block inverted directly (below it, the per-call overhead of ND4J's products would dominate). */
    static final int BASE = 96;

    private SpdInverse() {
    }

    /**
     * @param m a symmetric positive definite {@code n x n} matrix (double, both triangles); not modified
     * @return its inverse, a new {@code n x n} double array (in the current workspace, if any)
     * @throws ArithmeticException when a pivot is not positive: {@code m} is not positive definite (to rounding)
     */
    static INDArray invert(INDArray m) {
        INDArray inverse = columnMajorCopy(m);
        if (LapackCholesky.canInvertInPlace(inverse)) {
            LapackCholesky.invertInPlace(inverse);
        } else {
            invertInPlace(inverse);
        }
        return inverse;
    }

    /**
     * The block elimination whatever the backend: for tests, which compare it with LAPACK's inverse.
     *
     * @param m as for {@link #invert}
     * @return as for {@link #invert}
     */
    static INDArray invertByBlockElimination(INDArray m) {
        INDArray inverse = columnMajorCopy(m);
        invertInPlace(inverse);
        return inverse;
    }

    /**
     * @return a column-major copy of the symmetric {@code m}: a row-major {@code m} is copied as it lies and read as
     *         column-major, which is its transpose, the same matrix (ND4J's transposing copy is several times slower)
     */
    private static INDArray columnMajorCopy(INDArray m) {
        if (m.ordering() == 'f') {
            return m.dup('f');
        }
        INDArray copy = m.dup('c');
        long n = m.rows();
        return Nd4j.create(copy.data(), new long[] {n, n}, new long[] {1, n}, 0, 'f');
    }

    /** Overwrites {@code block}, a square block of a column-major matrix, with its inverse. */
    private static void invertInPlace(INDArray block) {
        int n = (int) block.rows();
        if (n <= BASE) {
            double[] inverse = choleskyInverse(block.dup('c').data().asDouble(), n);
            block.assign(Nd4j.create(inverse, new long[] {n, n}, 'c'));
            return;
        }
        int k = n / 2;
        INDArray a = block.get(NDArrayIndex.interval(0, k), NDArrayIndex.interval(0, k));
        INDArray b = block.get(NDArrayIndex.interval(0, k), NDArrayIndex.interval(k, n));
        INDArray c = block.get(NDArrayIndex.interval(k, n), NDArrayIndex.interval(k, n));

        invertInPlace(a);                                        // A^-1
        INDArray t = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {k, n - k}, 'f');
        product(a, false, b, false, t, 1.0, 0.0);                // T = A^-1 B
        product(b, true, t, false, c, -1.0, 1.0);                // S = C - B^T T
        invertInPlace(c);                                        // S^-1
        product(t, false, c, false, b, -1.0, 0.0);               // upper right: -T S^-1
        product(b, false, t, true, a, -1.0, 1.0);                // upper left: A^-1 + T S^-1 T^T
        // Lower left -S^-1 T^T, the transpose of the upper right, by a product: faster than ND4J's transposing copy.
        product(c, false, t, true, block.get(NDArrayIndex.interval(k, n), NDArrayIndex.interval(0, k)), -1.0, 0.0);
    }

    /**
     * {@code c <- alpha op(a) op(b) + beta c}, writing into {@code c} where it lies (a block of a larger matrix);
     * ND4J's {@code Nd4j.gemm} refuses such targets, its matmul op takes them.
     */
    private static void product(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c,
                                double alpha, double beta) {
        Nd4j.exec(new Mmul(a, b, c, alpha, beta,
                MMulTranspose.builder().transposeA(transposeA).transposeB(transposeB).build()));
    }

    /**
     * Cholesky factorisation {@code M = L L^T}, then {@code M^-1 = L^-T L^-1}.
     *
     * @param m a symmetric positive definite matrix, row-major (only its lower triangle is read); not modified
     * @return the inverse, row-major, exactly symmetric
     * @throws ArithmeticException when a pivot is not positive
     */
    static double[] choleskyInverse(double[] m, int n) {
        double[] lower = new double[n * n];
        for (int j = 0; j < n; j++) {
            int rowJ = j * n;
            double pivot = m[rowJ + j];
            for (int p = 0; p < j; p++) {
                pivot -= lower[rowJ + p] * lower[rowJ + p];
            }
            if (!(pivot > 0.0)) {
                throw new ArithmeticException("matrix is not positive definite (pivot " + pivot + " at row " + j + ")");
            }
            double diagonal = Math.sqrt(pivot);
            lower[rowJ + j] = diagonal;
            for (int i = j + 1; i < n; i++) {
                int rowI = i * n;
                double sum = m[rowI + j];
                for (int p = 0; p < j; p++) {
                    sum -= lower[rowI + p] * lower[rowJ + p];
                }
                lower[rowI + j] = sum / diagonal;
            }
        }
        double[] x = LinearAlgebra.lowerTriangularInverse(lower, n);
        // (L^-T L^-1)_ij = sum over k >= max(i, j) of X_ki X_kj, X = L^-1 lower triangular.
        double[] inverse = new double[n * n];
        for (int k = 0; k < n; k++) {
            int rowK = k * n;
            for (int i = 0; i <= k; i++) {
                double xi = x[rowK + i];
                if (xi != 0.0) {
                    int rowI = i * n;
                    for (int j = 0; j <= i; j++) {
                        inverse[rowI + j] += xi * x[rowK + j];
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                inverse[j * n + i] = inverse[i * n + j];
            }
        }
        return inverse;
    }
}
