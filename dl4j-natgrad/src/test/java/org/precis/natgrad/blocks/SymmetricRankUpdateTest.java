package org.precis.natgrad.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.blas.RandomMatrices;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The symmetric rank-k update against sums computed value by value in double arrays, for both layouts of the
 * statistics, both data types and sizes that cross the mirror's tiles (64).
 */
class SymmetricRankUpdateTest {

    private final Random random = new Random(7);

    private double[][] randomMatrix(int rows, int cols) {
        return RandomMatrices.gaussian(random, rows, cols);
    }

    /** {@code alpha x^T x + beta c}, each element summed in double. */
    private static double[][] expectedUpdate(double[][] x, double[][] c, double alpha, double beta) {
        int n = c.length;
        double[][] expected = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0.0;
                for (double[] row : x) {
                    sum += row[i] * row[j];
                }
                expected[i][j] = alpha * sum + beta * c[i][j];
            }
        }
        return expected;
    }

    private double[][] symmetricMatrix(int n) {
        double[][] c = randomMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                c[j][i] = c[i][j];
            }
        }
        return c;
    }

    private static void assertClose(INDArray actual, double[][] expected, boolean lowerOnly, double tolerance) {
        double[][] a = actual.toDoubleMatrix();
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j <= (lowerOnly ? i : expected.length - 1); j++) {
                double scale = Math.max(1.0, Math.abs(expected[i][j]));
                assertThat(Math.abs(a[i][j] - expected[i][j]) / scale)
                        .as("element (%d, %d)", i, j).isLessThanOrEqualTo(tolerance);
            }
        }
    }

    @ParameterizedTest(name = "{0} x {1}, {2}, order {3}")
    @CsvSource({"7, 5, DOUBLE, f", "7, 5, DOUBLE, c", "33, 70, FLOAT, f", "33, 130, FLOAT, c", "128, 65, DOUBLE, c"})
    void theLowerTriangleIsAlphaXtXPlusBetaCAndTheUpperIsLeftAsItWas(int m, int n, DataType type, char order) {
        double[][] x = randomMatrix(m, n);
        double[][] old = symmetricMatrix(n);
        INDArray c = Nd4j.create(old).castTo(type).dup('f');
        INDArray before = c.dup();

        boolean upperStale = SymmetricRankUpdate.update(Nd4j.create(x).castTo(type).dup(order), c, 0.3, 0.9, false);

        assertThat(upperStale).as("BLAS's syrk serves host arrays of one run").isTrue();
        double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-12;
        assertClose(c, expectedUpdate(x, old, 0.3, 0.9), true, tolerance);
        double[][] now = c.toDoubleMatrix();
        double[][] was = before.toDoubleMatrix();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                assertThat(now[i][j]).as("upper (%d, %d)", i, j).isEqualTo(was[i][j]);
            }
        }
    }

    @Test
    void statisticsBlasCannotReadInPlaceTakeTheGeneralProductAfterMirroringAStaleUpperTriangle() {
        int n = 6;
        double[][] x = randomMatrix(10, n);
        // Every other row and column of a larger array: no unit stride either way, so BLAS cannot read it in place.
        double[][] spread = new double[20][2 * n];
        for (int r = 0; r < 10; r++) {
            for (int j = 0; j < n; j++) {
                spread[2 * r][2 * j] = x[r][j];
            }
        }
        INDArray view = Nd4j.create(spread).get(NDArrayIndex.interval(0, 2, 20), NDArrayIndex.interval(0, 2, 2 * n));
        double[][] lower = symmetricMatrix(n);
        INDArray c = Nd4j.create(lower).dup('f');
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                c.putScalar(i, j, 1e6); // stale upper triangle, to be replaced by the mirror of the lower one
            }
        }
        assertThat(SymmetricRankUpdate.blasCanUpdateInPlace(view, c)).isFalse();

        boolean upperStale = SymmetricRankUpdate.update(view, c, 0.5, 0.25, true);

        assertThat(upperStale).isFalse();
        assertClose(c, expectedUpdate(x, lower, 0.5, 0.25), false, 1e-12);
    }

    @Test
    void hostArraysOfOneTypeThatBlasReadsWhereTheyLieGoToBlas() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3);
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {3, 3}, 'f');
        assertThat(SymmetricRankUpdate.blasCanUpdateInPlace(x, c)).isTrue();
        INDArray columnsOfWider = Nd4j.rand(DataType.FLOAT, 4, 7).get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5));
        assertThat(SymmetricRankUpdate.blasCanUpdateInPlace(columnsOfWider, c)).as("a block of a larger array")
                .isTrue();
        assertThat(SymmetricRankUpdate.blasCanUpdateInPlace(x.castTo(DataType.DOUBLE), c)).as("mixed types")
                .isFalse();
        assertThat(SymmetricRankUpdate.blasCanUpdateInPlace(x, c.dup('c'))).as("row-major target").isFalse();
        assertThat(SymmetricRankUpdate.blasCanUpdateInPlace(x.castTo(DataType.HALF), c.castTo(DataType.HALF)))
                .as("half precision").isFalse();
        assertThat(SymmetricRankUpdate.blasCanUpdateInPlace(x.transpose(), c)).as("shape").isFalse();
    }
}
