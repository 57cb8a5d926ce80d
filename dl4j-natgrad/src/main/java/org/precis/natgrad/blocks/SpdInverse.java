package org.precis.natgrad.blocks;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Inverse of a symmetric positive definite matrix by recursive 2 x 2 block elimination, the block form of the
 * Cholesky inverse: for {@code M = [[A, B], [B^T, C]]} with Schur complement {@code S = C - B^T A^-1 B},
 * <pre>
 * M^-1 = [[A^-1 + A^-1 B S^-1 B^T A^-1,  -A^-1 B S^-1],
 *         [-S^-1 B^T A^-1,               S^-1        ]]
 * </pre>
 * {@code A} and {@code S} are again symmetric positive definite, so both are inverted the same way down to blocks
 * of at most {@link #BASE} rows, which a plain Cholesky inverse handles. Every other operation is a matrix product
 * (about {@code 4 n^3 / 3} flops in all, all of it in BLAS GEMM), where LAPACK's {@code potrf} plus a triangular
 * inverse and the product of the two triangles cost about three times as long here. Without pivoting, like
 * Cholesky; stable for positive definite matrices. Double precision throughout; arguments are not modified.
 */
final class SpdInverse {

    /** Largest block inverted directly (below it, the per-call overhead of ND4J's products would dominate). */
    static final int BASE = 96;

    private SpdInverse() {
    }

    /**
     * @param m a symmetric positive definite {@code n x n} matrix (double); not modified
     * @return its inverse, a new {@code n x n} double array
     * @throws ArithmeticException when a pivot is not positive: {@code m} is not positive definite (to rounding)
     */
    static INDArray invert(INDArray m) {
        int n = (int) m.rows();
        if (n <= BASE) {
            return Nd4j.create(choleskyInverse(m.dup('c').data().asDouble(), n), new long[] {n, n}, 'c');
        }
        int k = n / 2;
        INDArray a = m.get(NDArrayIndex.interval(0, k), NDArrayIndex.interval(0, k));
        INDArray b = m.get(NDArrayIndex.interval(0, k), NDArrayIndex.interval(k, n)).dup('f');
        INDArray c = m.get(NDArrayIndex.interval(k, n), NDArrayIndex.interval(k, n));

        INDArray aInverse = invert(a);
        INDArray t = aInverse.mmul(b);                                    // A^-1 B
        INDArray schur = c.dup('f');
        Nd4j.gemm(b, t, schur, true, false, -1.0, 1.0);                   // C - B^T A^-1 B
        INDArray schurInverse = invert(schur);
        INDArray u = t.mmul(schurInverse);                                // A^-1 B S^-1
        INDArray topLeft = aInverse.dup('f');
        Nd4j.gemm(u, t, topLeft, false, true, 1.0, 1.0);                  // A^-1 + A^-1 B S^-1 B^T A^-1

        INDArray inverse = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {n, n}, 'f');
        inverse.get(NDArrayIndex.interval(0, k), NDArrayIndex.interval(0, k)).assign(topLeft);
        inverse.get(NDArrayIndex.interval(0, k), NDArrayIndex.interval(k, n)).assign(u).negi();
        inverse.get(NDArrayIndex.interval(k, n), NDArrayIndex.interval(0, k)).assign(u.transpose()).negi();
        inverse.get(NDArrayIndex.interval(k, n), NDArrayIndex.interval(k, n)).assign(schurInverse);
        return inverse;
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
