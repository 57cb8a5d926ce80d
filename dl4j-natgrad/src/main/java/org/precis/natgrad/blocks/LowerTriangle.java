package org.precis.natgrad.blocks;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Completes a symmetric matrix of which only the lower triangle is current, as BLAS's symmetric rank-k update
 * ({@link SymmetricRankUpdate}) and LAPACK's Cholesky inverse ({@link LapackCholesky}) leave it: column-major host
 * arrays of floats or doubles are copied through NIO buffers in square tiles that stay within the cache, anything else
 * value by value.
 */
final class LowerTriangle {

    /** Side of the square tiles in which the lower triangle is copied to the upper one. */
    private static final int TILE = 64;

    private LowerTriangle() {
    }

    /**
     * Copies the strictly lower triangle of a square matrix onto its upper triangle, leaving a symmetric matrix.
     *
     * @param c square; modified in place
     */
    static void mirror(INDArray c) {
        int n = (int) c.rows();
        // The NIO views index the whole allocation from its start: an array that is all of it, column-major.
        boolean columnMajorRun = c.ordering() == 'f' && c.offset() == 0 && c.elementWiseStride() == 1;
        if (columnMajorRun && c.dataType() == DataType.FLOAT) {
            FloatBuffer values = c.data().asNioFloat();
            mirror(n, (to, from) -> values.put(to, values.get(from)));
        } else if (columnMajorRun && c.dataType() == DataType.DOUBLE) {
            DoubleBuffer values = c.data().asNioDouble();
            mirror(n, (to, from) -> values.put(to, values.get(from)));
        } else {
            for (int j = 1; j < n; j++) {
                for (int i = 0; i < j; i++) {
                    c.putScalar(i, j, c.getDouble(j, i));
                }
            }
        }
    }

    /** Copies the element at one column-major index to another. */
    @FunctionalInterface
    private interface ElementCopy {
        void copy(int to, int from);
    }

    /** Column-major {@code n x n}: element (i, j) at {@code i + j n}; the upper triangle is {@code i < j}. */
    private static void mirror(int n, ElementCopy values) {
        for (int j0 = 0; j0 < n; j0 += TILE) {
            int jEnd = Math.min(j0 + TILE, n);
            for (int i0 = 0; i0 <= j0; i0 += TILE) {
                for (int j = j0; j < jEnd; j++) {
                    int iEnd = Math.min(i0 + TILE, j);
                    for (int i = i0; i < iEnd; i++) {
                        values.copy(i + j * n, j + i * n);
                    }
                }
            }
        }
    }
}
