package org.precis.natgrad.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Both inverses, LAPACK's Cholesky inverse (what {@link SpdInverse#invert} takes on the CPU backend) and the recursive
 * block elimination, against their definition ({@code M M^-1 = I}) and against the direct Cholesky inverse written
 * out in Java, at sizes that recurse twice or more.
 */
class SpdInverseTest {

    /** The two ways to invert, by name. */
    static Stream<Arguments> inverses() {
        return Stream.of(
                Arguments.of("LAPACK", (UnaryOperator<INDArray>) SpdInverse::invert),
                Arguments.of("block elimination", (UnaryOperator<INDArray>) SpdInverse::invertByBlockElimination));
    }

    /** A random symmetric positive definite matrix with eigenvalues spread over about three decades. */
    private static INDArray randomSpd(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 2L * n, n);
        INDArray m = x.transpose().mmul(x).divi(2.0 * n);
        return LinearAlgebra.addToDiagonal(m, 1e-3);
    }

    private static double maxAbsDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    @Test
    void theCpuBackendTakesLapack() {
        INDArray m = randomSpd(5, 0).dup('f');

        assertThat(LapackCholesky.canInvertInPlace(m)).isTrue();
        assertThat(LapackCholesky.canInvertInPlace(m.dup('c'))).as("row-major").isFalse();
        assertThat(LapackCholesky.canInvertInPlace(m.castTo(DataType.FLOAT))).as("float").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inverses")
    void theInverseTimesTheMatrixIsTheIdentity(String name, UnaryOperator<INDArray> invert) {
        INDArray m = randomSpd(3 * SpdInverse.BASE + 7, 1);

        INDArray inverse = invert.apply(m);

        INDArray identity = Nd4j.eye(m.rows()).castTo(DataType.DOUBLE);
        assertThat(maxAbsDifference(m.mmul(inverse), identity)).isLessThan(1e-9);
        assertThat(maxAbsDifference(inverse.mmul(m), identity)).isLessThan(1e-9);
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("inversesAndLayouts")
    void theInverseEqualsTheDirectCholeskyInverse(String name, UnaryOperator<INDArray> invert, char order) {
        int n = 2 * SpdInverse.BASE + 1;
        INDArray m = randomSpd(n, 2).dup(order);

        INDArray inverse = invert.apply(m);
        INDArray direct = Nd4j.create(SpdInverse.choleskyInverse(m.dup('c').data().asDouble(), n),
                new long[] {n, n}, 'c');

        double scale = direct.amaxNumber().doubleValue();
        assertThat(maxAbsDifference(inverse, direct) / scale).isLessThan(1e-11);
    }

    static Stream<Arguments> inversesAndLayouts() {
        return inverses().flatMap(a -> Stream.of('c', 'f').map(order -> Arguments.of(a.get()[0], a.get()[1], order)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inverses")
    void theMatrixIsNotModified(String name, UnaryOperator<INDArray> invert) {
        INDArray m = randomSpd(2 * SpdInverse.BASE + 3, 3);
        INDArray copy = m.dup();

        invert.apply(m);

        assertThat(m.equals(copy)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inverses")
    void anIndefiniteMatrixIsAnError(String name, UnaryOperator<INDArray> invert) {
        // Positive definite except for one negative eigenvalue, which surfaces in a Schur complement.
        int n = 2 * SpdInverse.BASE + 5;
        INDArray m = randomSpd(n, 4);
        INDArray v = Nd4j.randn(DataType.DOUBLE, n, 1);
        v.divi(v.norm2Number());
        INDArray indefinite = m.sub(v.mmul(v.transpose()).muli(10.0 * m.norm2Number().doubleValue()));

        assertThatThrownBy(() -> invert.apply(indefinite)).isInstanceOf(ArithmeticException.class);
    }
}
