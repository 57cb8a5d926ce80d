package org.precis.natgrad.blas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The product against sums computed element by element in double arrays, for every way an operand or the target can
 * lie in memory (row-major, column-major, a block inside a larger array, a transposed view), both transpose flags,
 * both data types, and the cases that go to ND4J instead.
 */
class GemmTest {

    private static final Random RANDOM = new Random(5);

    /** How an array of given values is laid out in memory. */
    enum Layout { ROW_MAJOR, COLUMN_MAJOR, BLOCK_OF_LARGER, TRANSPOSED_VIEW }

    private static double[][] gaussian(int rows, int cols) {
        return RandomMatrices.gaussian(RANDOM, rows, cols);
    }

    /** An array holding {@code values}, laid out as asked. */
    private static INDArray laidOut(double[][] values, Layout layout, DataType type) {
        int rows = values.length;
        int cols = values[0].length;
        INDArray dense = Nd4j.create(values).castTo(type);
        switch (layout) {
            case ROW_MAJOR:
                return dense.dup('c');
            case COLUMN_MAJOR:
                return dense.dup('f');
            case BLOCK_OF_LARGER: {
                INDArray larger = Nd4j.create(type, new long[] {rows + 3, cols + 2}, 'f').assign(Double.NaN);
                INDArray block = larger.get(NDArrayIndex.interval(2, rows + 2), NDArrayIndex.interval(1, cols + 1));
                return block.assign(dense);
            }
            default:
                return dense.transpose().dup('c').transpose(); // a 'c' array of the transpose, viewed transposed
        }
    }

    private static double[][] transpose(double[][] x) {
        double[][] t = new double[x[0].length][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                t[j][i] = x[i][j];
            }
        }
        return t;
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Layout a : Layout.values()) {
            for (Layout b : Layout.values()) {
                for (Layout c : Layout.values()) {
                    boolean transposeA = (a.ordinal() + c.ordinal()) % 2 == 0;
                    boolean transposeB = (b.ordinal() + c.ordinal()) % 3 == 0;
                    DataType type = (a.ordinal() + b.ordinal()) % 2 == 0 ? DataType.FLOAT : DataType.DOUBLE;
                    cases.add(Arguments.of(a, transposeA, b, transposeB, c, type));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "a {0} (transposed {1}), b {2} (transposed {3}), c {4}, {5}")
    @MethodSource("cases")
    void theProductIsAlphaOpAOpBPlusBetaC(Layout la, boolean transposeA, Layout lb, boolean transposeB, Layout lc,
                                          DataType type) {
        int m = 7;
        int k = 5;
        int n = 6;
        double[][] a = gaussian(m, k);
        double[][] b = gaussian(k, n);
        double[][] c = gaussian(m, n);
        INDArray aArray = laidOut(transposeA ? transpose(a) : a, la, type);
        INDArray bArray = laidOut(transposeB ? transpose(b) : b, lb, type);
        INDArray cArray = laidOut(c, lc, type);

        INDArray result = Gemm.multiply(aArray, transposeA, bArray, transposeB, cArray, 0.5, -2.0);

        assertThat(result).isSameAs(cArray);
        double[][] got = cArray.toDoubleMatrix();
        double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-12;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0.0;
                for (int p = 0; p < k; p++) {
                    sum += a[i][p] * b[p][j];
                }
                double expected = 0.5 * sum - 2.0 * c[i][j];
                assertThat(Math.abs(got[i][j] - expected)).as("(%d, %d)", i, j)
                        .isLessThanOrEqualTo(tolerance * Math.max(1.0, Math.abs(expected)));
            }
        }
    }

    @Test
    void blasReadsBlocksAndViewsWhereTheyLieAndRefusesOtherStrides() {
        INDArray larger = Nd4j.create(DataType.FLOAT, new long[] {9, 8}, 'f');
        BlasMatrix block = BlasMatrix.of(larger.get(NDArrayIndex.interval(2, 7), NDArrayIndex.interval(1, 4)));
        assertThat(block).isNotNull();
        assertThat(block.columnMajor()).isTrue();
        assertThat(block.leadingDimension()).isEqualTo(9);
        assertThat(block.address() - larger.data().addressPointer().address()).isEqualTo((1 * 9 + 2) * 4);
        BlasMatrix rowMajor = BlasMatrix.of(Nd4j.create(DataType.FLOAT, new long[] {3, 4}, 'c'));
        assertThat(rowMajor.columnMajor()).isFalse();
        assertThat(rowMajor.leadingDimension()).isEqualTo(4);
        INDArray everyOtherColumn = larger.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 8));
        INDArray everyOtherRowAndColumn = everyOtherColumn.get(NDArrayIndex.interval(0, 2, 9), NDArrayIndex.all());
        assertThat(BlasMatrix.of(everyOtherRowAndColumn)).isNull();
    }

    @ParameterizedTest(name = "target columns {0} to {1} of an array in order {2}")
    @CsvSource({"2, 6, f", "4, 8, c", "2, 6, c"})
    void anOperandSharingMemoryWithTheTargetEntersWithItsValuesBeforeTheCall(int from, int to, char order) {
        // Columns 0-3 are the operand; the target's columns overlap them (2-5) or interleave with them in memory
        // (4-7 of a row-major array).
        INDArray shared = Nd4j.rand(DataType.DOUBLE, 4, 8).dup(order);
        INDArray a = shared.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4));
        INDArray c = shared.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
        INDArray b = Nd4j.rand(DataType.DOUBLE, 4, 4);
        INDArray expected = a.dup().mmul(b);

        Gemm.multiply(a, false, b, false, c, 1.0, 0.0);

        assertThat(c.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    @Test
    void mixedDataTypesGoToNd4j() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 3, 4);
        INDArray b = Nd4j.rand(DataType.FLOAT, 4, 2);
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {3, 2}, 'f');
        INDArray expected = a.castTo(DataType.DOUBLE).mmul(b.castTo(DataType.DOUBLE));

        Gemm.multiply(a, false, b, false, c, 1.0, 0.0);

        assertThat(c.castTo(DataType.DOUBLE).sub(expected).amaxNumber().doubleValue()).isLessThan(1e-5);
    }

    @Test
    void mismatchedShapesAreAnErrorNamingThem() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 3, 4);
        INDArray b = Nd4j.rand(DataType.FLOAT, 5, 2);
        INDArray c = Nd4j.create(DataType.FLOAT, 3, 2);

        assertThatThrownBy(() -> Gemm.multiply(a, false, b, false, c, 1.0, 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3x4").hasMessageContaining("5x2");
    }
}
