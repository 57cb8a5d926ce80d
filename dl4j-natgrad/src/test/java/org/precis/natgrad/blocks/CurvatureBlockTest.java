package org.precis.natgrad.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.blas.RandomMatrices;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every curvature block against closed forms computed by hand in double arrays: the per-example gradient of a dense
 * layer is {@code abar g^T}, so the exact Fisher block is the mean of {@code kron(abar, g) kron(abar, g)^T}.
 */
class CurvatureBlockTest {

    private static final int IN = 3;
    private static final int OUT = 2;

    private final Random random = new Random(42);

    private double[][] randomMatrix(int rows, int cols) {
        return RandomMatrices.gaussian(random, rows, cols);
    }

    /** Explicit Fisher block: mean over examples of vec(abar g^T) vec(abar g^T)^T, row-major vec. */
    private static double[][] explicitFisher(double[][] a, double[][] g) {
        int d = (a[0].length + 1) * g[0].length;
        double[][] f = new double[d][d];
        for (int n = 0; n < a.length; n++) {
            double[] v = new double[d];
            for (int i = 0; i <= a[0].length; i++) {
                double ai = i < a[0].length ? a[n][i] : 1.0;
                for (int j = 0; j < g[0].length; j++) {
                    v[i * g[0].length + j] = ai * g[n][j];
                }
            }
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    f[p][q] += v[p] * v[q] / a.length;
                }
            }
        }
        return f;
    }

    private static void assertMatrixClose(INDArray actual, double[][] expected, double tolerance) {
        double[][] got = actual.toDoubleMatrix();
        assertThat(got.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertThat(got[i][j]).as("entry (%d, %d)", i, j).isCloseTo(expected[i][j], within(tolerance));
            }
        }
    }

    static Stream<Arguments> blocks() {
        return Stream.of(
                Arguments.of("Kronecker/Cholesky",
                        new DenseKroneckerFactoredBlock(IN, OUT, InverseMethod.CHOLESKY, "k")),
                Arguments.of("Kronecker/eigen", new DenseKroneckerFactoredBlock(IN, OUT, InverseMethod.EIGEN, "k")),
                Arguments.of("diagonal", new DenseDiagonalBlock(IN, OUT, "d")),
                Arguments.of("full/Cholesky", new DenseFullBlock(IN, OUT, InverseMethod.CHOLESKY, "f")),
                Arguments.of("full/eigen", new DenseFullBlock(IN, OUT, InverseMethod.EIGEN, "f")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void multiplyInverseUndoesMultiply(String name, CurvatureBlock block) {
        block.updateCurvature(Nd4j.create(randomMatrix(5, IN)), Nd4j.create(randomMatrix(5, OUT)), 0.9);
        block.updateInverse(1e-2);
        INDArray v = Nd4j.create(randomMatrix(IN + 1, OUT));

        assertMatrixClose(block.multiplyInverse(block.multiply(v)), v.toDoubleMatrix(), 1e-8);
        assertMatrixClose(block.multiply(block.multiplyInverse(v)), v.toDoubleMatrix(), 1e-8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void theNaturalGradientOfSeparateWeightAndBiasPartsIsTheWholeMatrixOne(String name, CurvatureBlock block) {
        block.updateCurvature(Nd4j.create(randomMatrix(5, IN)), Nd4j.create(randomMatrix(5, OUT)), 0.9);
        block.updateInverse(1e-2);
        double[][] v = randomMatrix(IN + 1, OUT);
        double[][] expected = block.multiplyInverse(Nd4j.create(v)).toDoubleMatrix();

        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray weights = Nd4j.create(java.util.Arrays.copyOf(v, IN)).castTo(type).dup('f');
            INDArray bias = Nd4j.create(new double[][] {v[IN]}).castTo(type);
            INDArray weightsOut = Nd4j.create(type, new long[] {IN, OUT}, 'f');
            INDArray biasOut = Nd4j.create(type, 1, OUT);
            block.multiplyInverse(weights, bias, weightsOut, biasOut);

            double tolerance = type == DataType.DOUBLE ? 1e-10 : 1e-4;
            assertMatrixClose(weightsOut, java.util.Arrays.copyOf(expected, IN), tolerance);
            assertMatrixClose(biasOut, new double[][] {expected[IN]}, tolerance);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void theNaturalGradientFromTheFactorsOfAGradientIsThatOfTheGradient(String name, CurvatureBlock block) {
        block.updateCurvature(Nd4j.create(randomMatrix(5, IN)), Nd4j.create(randomMatrix(5, OUT)), 0.9);
        block.updateInverse(1e-2);
        double[][] x = randomMatrix(2, IN);
        double[][] d = randomMatrix(2, OUT);
        INDArray gradient = LinearAlgebra.appendOnes(Nd4j.create(x)).transpose().mmul(Nd4j.create(d));
        double[][] expected = block.multiplyInverse(gradient).toDoubleMatrix();

        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray weightsOut = Nd4j.create(type, new long[] {IN, OUT}, 'f');
            INDArray biasOut = Nd4j.create(type, 1, OUT);
            block.multiplyInverseOfProduct(Nd4j.create(x).castTo(type), Nd4j.create(d).castTo(type), weightsOut,
                    biasOut);

            double tolerance = type == DataType.DOUBLE ? 1e-10 : 1e-4;
            assertMatrixClose(weightsOut, java.util.Arrays.copyOf(expected, IN), tolerance);
            assertMatrixClose(biasOut, new double[][] {expected[IN]}, tolerance);
        }
    }

    @Test
    void theKroneckerBlockPrefersTheFactorsOnlyWhenTheyCostClearlyLess() {
        // 784-256 at batch 128: (785^2 128 + 128 256^2 + 785 128 256) = 113M against 785^2 256 + 785 256^2 = 209M.
        DenseKroneckerFactoredBlock wide = new DenseKroneckerFactoredBlock(784, 256, InverseMethod.CHOLESKY, "w");
        DenseKroneckerFactoredBlock output = new DenseKroneckerFactoredBlock(256, 10, InverseMethod.CHOLESKY, "o");

        assertThat(wide.prefersGradientFactors(128)).isTrue();
        assertThat(wide.prefersGradientFactors(1024)).isFalse();
        assertThat(output.prefersGradientFactors(128)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void aSingleExampleGivesTheExactEmpiricalFisherBlock(String name, CurvatureBlock block) {
        // With one example, E[aa^T kron gg^T] = E[aa^T] kron E[gg^T]: the Kronecker factorisation is exact.
        double[][] a = randomMatrix(1, IN);
        double[][] g = randomMatrix(1, OUT);
        block.updateCurvature(Nd4j.create(a), Nd4j.create(g), 0.5);

        double[][] expected = explicitFisher(a, g);
        if (block instanceof DenseDiagonalBlock) {
            for (int p = 0; p < expected.length; p++) {
                for (int q = 0; q < expected.length; q++) {
                    expected[p][q] = p == q ? expected[p][q] : 0.0;
                }
            }
        }
        assertMatrixClose(block.toDenseMatrix(), expected, 1e-12);
    }

    @Test
    void theFullBlockIsTheMeanOfPerExampleOuterProducts() {
        double[][] a = randomMatrix(7, IN);
        double[][] g = randomMatrix(7, OUT);
        DenseFullBlock block = new DenseFullBlock(IN, OUT, InverseMethod.CHOLESKY, "f");
        block.updateCurvature(Nd4j.create(a), Nd4j.create(g), 0.0);

        assertMatrixClose(block.toDenseMatrix(), explicitFisher(a, g), 1e-12);
    }

    @Test
    void theFullBlockMultipliesRowMajorVectorsByTheExplicitFisher() {
        double[][] a = randomMatrix(5, IN);
        double[][] g = randomMatrix(5, OUT);
        DenseFullBlock block = new DenseFullBlock(IN, OUT, InverseMethod.EIGEN, "f");
        block.updateCurvature(Nd4j.create(a), Nd4j.create(g), 0.0);
        block.updateInverse(0.5);
        double[][] v = randomMatrix(IN + 1, OUT);

        double[][] f = explicitFisher(a, g);
        double[][] expected = new double[IN + 1][OUT];
        for (int p = 0; p < f.length; p++) {
            expected[p / OUT][p % OUT] = 0.5 * v[p / OUT][p % OUT];
        }
        for (int p = 0; p < f.length; p++) {
            for (int q = 0; q < f.length; q++) {
                expected[p / OUT][p % OUT] += f[p][q] * v[q / OUT][q % OUT];
            }
        }
        assertMatrixClose(block.multiply(Nd4j.create(v)), expected, 1e-12);
    }

    @Test
    void theDiagonalBlockIsTheDiagonalOfTheFullBlock() {
        double[][] a = randomMatrix(7, IN);
        double[][] g = randomMatrix(7, OUT);
        DenseDiagonalBlock block = new DenseDiagonalBlock(IN, OUT, "d");
        block.updateCurvature(Nd4j.create(a), Nd4j.create(g), 0.0);

        double[][] full = explicitFisher(a, g);
        double[][] dense = block.toDenseMatrix().toDoubleMatrix();
        for (int p = 0; p < full.length; p++) {
            assertThat(dense[p][p]).isCloseTo(full[p][p], within(1e-12));
        }
    }

    @Test
    void theKroneckerBlockIsKronOfTheMeanSecondMoments() {
        double[][] a = randomMatrix(6, IN);
        double[][] g = randomMatrix(6, OUT);
        DenseKroneckerFactoredBlock block = new DenseKroneckerFactoredBlock(IN, OUT, InverseMethod.CHOLESKY, "k");
        block.updateCurvature(Nd4j.create(a), Nd4j.create(g), 0.0);

        double[][] aa = new double[IN + 1][IN + 1];
        double[][] gg = new double[OUT][OUT];
        for (int n = 0; n < 6; n++) {
            for (int i = 0; i <= IN; i++) {
                for (int j = 0; j <= IN; j++) {
                    aa[i][j] += (i < IN ? a[n][i] : 1.0) * (j < IN ? a[n][j] : 1.0) / 6;
                }
            }
            for (int i = 0; i < OUT; i++) {
                for (int j = 0; j < OUT; j++) {
                    gg[i][j] += g[n][i] * g[n][j] / 6;
                }
            }
        }
        assertMatrixClose(block.inputFactor(), aa, 1e-12);
        assertMatrixClose(block.outputFactor(), gg, 1e-12);
    }

    @Test
    void factorsFollowTheMovingAverageAfterTheFirstBatch() {
        double[][] a1 = randomMatrix(4, IN);
        double[][] g1 = randomMatrix(4, OUT);
        double[][] a2 = randomMatrix(4, IN);
        double[][] g2 = randomMatrix(4, OUT);
        DenseFullBlock block = new DenseFullBlock(IN, OUT, InverseMethod.CHOLESKY, "f");
        block.updateCurvature(Nd4j.create(a1), Nd4j.create(g1), 0.95);
        block.updateCurvature(Nd4j.create(a2), Nd4j.create(g2), 0.95);

        double[][] first = explicitFisher(a1, g1);
        double[][] second = explicitFisher(a2, g2);
        double[][] expected = new double[first.length][first.length];
        for (int p = 0; p < first.length; p++) {
            for (int q = 0; q < first.length; q++) {
                expected[p][q] = 0.95 * first[p][q] + 0.05 * second[p][q];
            }
        }
        assertMatrixClose(block.toDenseMatrix(), expected, 1e-12);
    }

    /** {@code decay c + (1 - decay) / m x^T x} in place, over {@code [x, 1]} when {@code withOnes}. */
    private static void foldSecondMoment(double[][] c, double[][] x, boolean withOnes, double decay) {
        int n = c.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0.0;
                for (double[] row : x) {
                    sum += (withOnes && i == n - 1 ? 1.0 : row[i]) * (withOnes && j == n - 1 ? 1.0 : row[j]);
                }
                c[i][j] = decay * c[i][j] + (1.0 - decay) * sum / x.length;
            }
        }
    }

    @Test
    void kroneckerFactorsFollowTheMovingAverageWhicheverWayEachBatchIsLaidOut() {
        int in = 70;
        int out = 5;
        double decay = 0.9;
        DenseKroneckerFactoredBlock block = new DenseKroneckerFactoredBlock(in, out, InverseMethod.CHOLESKY, "k");
        double[][] a = new double[in + 1][in + 1];
        double[][] g = new double[out][out];
        for (int batch = 0; batch < 4; batch++) {
            double[][] inputs = randomMatrix(9, in);
            double[][] gradients = randomMatrix(9, out);
            double[][] wide = new double[9][out + 2];
            for (int r = 0; r < 9; r++) {
                System.arraycopy(gradients[r], 0, wide[r], 2, out);
            }
            // Batch 1 row-major, batch 2 column-major, batch 3 output gradients as a view inside a wider array
            // (read where it lies, through its leading dimension), batch 4 row-major again.
            INDArray x = Nd4j.create(inputs);
            INDArray d = batch == 2
                    ? Nd4j.create(wide).get(NDArrayIndex.all(), NDArrayIndex.interval(2, out + 2))
                    : Nd4j.create(gradients);
            block.updateCurvature(batch == 1 ? x.dup('f') : x, batch == 1 ? d.dup('f') : d, decay);
            foldSecondMoment(a, inputs, true, batch == 0 ? 0.0 : decay);
            foldSecondMoment(g, gradients, false, batch == 0 ? 0.0 : decay);
            if (batch == 1) {
                assertMatrixClose(block.outputFactor(), g, 1e-12); // read whole between updates
            }
        }

        // The state first: it is what a saved model keeps, and it must be whole without an accessor called before.
        assertMatrixClose(block.state().get("A"), a, 1e-12);
        assertMatrixClose(block.state().get("G"), g, 1e-12);
        assertMatrixClose(block.inputFactor(), a, 1e-12);
        assertMatrixClose(block.outputFactor(), g, 1e-12);
    }

    @Test
    void aFloatNetworksFactorsEqualTheDoubleOnesUpToFloatRounding() {
        DenseKroneckerFactoredBlock single = new DenseKroneckerFactoredBlock(IN, OUT, InverseMethod.CHOLESKY, "f");
        DenseKroneckerFactoredBlock precise = new DenseKroneckerFactoredBlock(IN, OUT, InverseMethod.CHOLESKY, "d");
        for (int batch = 0; batch < 3; batch++) {
            INDArray a = Nd4j.create(randomMatrix(6, IN));
            INDArray g = Nd4j.create(randomMatrix(6, OUT));
            single.updateCurvature(a.castTo(DataType.FLOAT), g.castTo(DataType.FLOAT), 0.9);
            precise.updateCurvature(a, g, 0.9);
        }

        assertMatrixClose(single.inputFactor(), precise.inputFactor().toDoubleMatrix(), 1e-5);
        assertMatrixClose(single.outputFactor(), precise.outputFactor().toDoubleMatrix(), 1e-5);
    }

    @Test
    void kroneckerMultiplyUsesPiAdjustedFactoredDamping() {
        // pi = sqrt((tr A / dim A) / (tr G / dim G)); damped curvature kron(A + pi sqrt(l) I, G + sqrt(l) / pi I).
        INDArray a = Nd4j.create(new double[][] {{4, 1}, {1, 2}});
        INDArray g = Nd4j.create(new double[][] {{0.5}});
        DenseKroneckerFactoredBlock block = new DenseKroneckerFactoredBlock(1, 1, InverseMethod.CHOLESKY, "k");
        block.setFactors(a, g);
        double lambda = 0.04;
        block.updateInverse(lambda);

        double pi = Math.sqrt((6.0 / 2) / 0.5);
        assertThat(block.piAdjustment()).isCloseTo(pi, within(1e-12));
        double aShift = pi * 0.2;
        double gDamped = 0.5 + 0.2 / pi;
        INDArray v = Nd4j.create(new double[][] {{1.0}, {-2.0}});
        double[][] expected = {
            {((4 + aShift) * 1 + 1 * -2) * gDamped},
            {(1 * 1 + (2 + aShift) * -2) * gDamped}};
        assertMatrixClose(block.multiply(v), expected, 1e-12);
    }

    @Test
    void identityFactorsWithoutDampingLeaveTheGradientUnchanged() {
        // With A = I, G = I and lambda = 0 the natural gradient is the gradient: K-FAC reduces to SGD.
        DenseKroneckerFactoredBlock block = new DenseKroneckerFactoredBlock(IN, OUT, InverseMethod.CHOLESKY, "k");
        block.setFactors(Nd4j.eye(IN + 1).castTo(DataType.DOUBLE), Nd4j.eye(OUT).castTo(DataType.DOUBLE));
        block.updateInverse(0.0);
        double[][] gradient = randomMatrix(IN + 1, OUT);

        assertMatrixClose(block.multiplyInverse(Nd4j.create(gradient)), gradient, 1e-14);
    }

    @Test
    void choleskyAndEigenInversesGiveTheSameNaturalGradient() {
        double[][] a = randomMatrix(8, IN);
        double[][] g = randomMatrix(8, OUT);
        DenseKroneckerFactoredBlock cholesky = new DenseKroneckerFactoredBlock(IN, OUT, InverseMethod.CHOLESKY, "c");
        DenseKroneckerFactoredBlock eigen = new DenseKroneckerFactoredBlock(IN, OUT, InverseMethod.EIGEN, "e");
        cholesky.updateCurvature(Nd4j.create(a), Nd4j.create(g), 0.0);
        eigen.updateCurvature(Nd4j.create(a), Nd4j.create(g), 0.0);
        cholesky.updateInverse(1e-3);
        eigen.updateInverse(1e-3);
        INDArray v = Nd4j.create(randomMatrix(IN + 1, OUT));

        assertMatrixClose(eigen.multiplyInverse(v), cholesky.multiplyInverse(v).toDoubleMatrix(), 1e-8);
    }

    @ParameterizedTest
    @EnumSource(InverseMethod.class)
    void aRankDeficientFactorAtTinyDampingGivesAFiniteStep(InverseMethod method) {
        // Two examples of 20 inputs: A has rank 2 of 21. Damping 1e-12 must still give a finite inverse.
        DenseKroneckerFactoredBlock block = new DenseKroneckerFactoredBlock(20, 3, method, "k");
        block.updateCurvature(Nd4j.create(randomMatrix(2, 20)), Nd4j.create(randomMatrix(2, 3)), 0.0);
        block.updateInverse(1e-12);

        INDArray step = block.multiplyInverse(Nd4j.create(randomMatrix(21, 3)));
        assertThat(Double.isFinite(step.sumNumber().doubleValue())).isTrue();
    }

    @Test
    void aSingularFactorWithoutDampingIsAnErrorNamingTheLayer() {
        DenseKroneckerFactoredBlock block = new DenseKroneckerFactoredBlock(4, 2, InverseMethod.CHOLESKY, "layer 3");
        block.updateCurvature(Nd4j.zeros(DataType.DOUBLE, 1, 4), Nd4j.zeros(DataType.DOUBLE, 1, 2), 0.0);

        assertThatThrownBy(() -> block.updateInverse(0.0))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("layer 3");
    }

    @Test
    void nonFiniteStatisticsAreAnErrorNamingTheLayer() {
        DenseKroneckerFactoredBlock block = new DenseKroneckerFactoredBlock(2, 2, InverseMethod.CHOLESKY, "layer 7");
        INDArray inputs = Nd4j.create(new double[][] {{1.0, Double.NaN}});

        assertThatThrownBy(() -> block.updateCurvature(inputs, Nd4j.ones(DataType.DOUBLE, 1, 2), 0.0))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("layer 7");
    }

    @Test
    void theTriangularInverseInvertsALowerTriangularMatrix() {
        double[][] lower = {{2, 0, 0}, {1, 3, 0}, {-1, 0.5, 4}};
        double[] flat = {2, 0, 0, 1, 3, 0, -1, 0.5, 4};
        INDArray inverse = Nd4j.create(LinearAlgebra.lowerTriangularInverse(flat, 3), new long[] {3, 3}, 'c');
        INDArray product = Nd4j.create(lower).mmul(inverse);

        assertMatrixClose(product, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, 1e-14);
    }
}
