package org.precis.natgrad.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.blas.RandomMatrices;

/** Mirroring a lower triangle, against the symmetric matrix written out element by element, across the tiles (64). */
class LowerTriangleTest {

    private final Random random = new Random(11);

    private double[][] randomMatrix(int n) {
        return RandomMatrices.gaussian(random, n, n);
    }

    /** The matrix whose upper triangle is the transpose of {@code values}' lower one. */
    private static double[][] symmetricFromLower(double[][] values) {
        int n = values.length;
        double[][] expected = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                expected[i][j] = i >= j ? values[i][j] : values[j][i];
            }
        }
        return expected;
    }

    @ParameterizedTest(name = "n = {0}, {1}")
    @CsvSource({"1, FLOAT", "2, DOUBLE", "64, FLOAT", "65, DOUBLE", "200, FLOAT", "130, DOUBLE"})
    void aColumnMajorMatrixBecomesTheSymmetricMatrixOfItsLowerTriangle(int n, DataType type) {
        INDArray c = Nd4j.create(randomMatrix(n)).castTo(type).dup('f');
        double[][] expected = symmetricFromLower(c.toDoubleMatrix());

        LowerTriangle.mirror(c);

        assertThat(c.toDoubleMatrix()).isDeepEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}, order {1}")
    @CsvSource({"HALF, f", "DOUBLE, c", "FLOAT, c"})
    void aMatrixInAnotherLayoutOrTypeIsMirroredValueByValue(DataType type, char order) {
        INDArray c = Nd4j.create(randomMatrix(7)).castTo(type).dup(order);
        double[][] expected = symmetricFromLower(c.toDoubleMatrix());

        LowerTriangle.mirror(c);

        assertThat(c.toDoubleMatrix()).isDeepEqualTo(expected);
    }
}
