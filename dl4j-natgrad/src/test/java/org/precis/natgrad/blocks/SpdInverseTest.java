package org.precis.natgrad.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The recursive block inverse against its definition ({@code M M^-1 = I}) and against the direct Cholesky inverse,
 * at sizes that recurse twice or more.
 */
class SpdInverseTest {

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
    void theBlockInverseTimesTheMatrixIsTheIdentity() {
        INDArray m = randomSpd(3 * SpdInverse.BASE + 7, 1);

        INDArray inverse = SpdInverse.invert(m);

        INDArray identity = Nd4j.eye(m.rows()).castTo(DataType.DOUBLE);
        assertThat(maxAbsDifference(m.mmul(inverse), identity)).isLessThan(1e-9);
        assertThat(maxAbsDifference(inverse.mmul(m), identity)).isLessThan(1e-9);
    }

    @Test
    void theBlockInverseEqualsTheDirectCholeskyInverse() {
        int n = 2 * SpdInverse.BASE + 1;
        INDArray m = randomSpd(n, 2);

        INDArray blocked = SpdInverse.invert(m);
        INDArray direct = Nd4j.create(SpdInverse.choleskyInverse(m.dup('c').data().asDouble(), n),
                new long[] {n, n}, 'c');

        double scale = direct.amaxNumber().doubleValue();
        assertThat(maxAbsDifference(blocked, direct) / scale).isLessThan(1e-11);
    }

    @Test
    void theMatrixIsNotModified() {
        INDArray m = randomSpd(2 * SpdInverse.BASE + 3, 3);
        INDArray copy = m.dup();

        SpdInverse.invert(m);

        assertThat(m.equals(copy)).isTrue();
    }

    @Test
    void anIndefiniteMatrixIsAnError() {
        // Positive definite except for one negative eigenvalue, which surfaces in a Schur complement.
        int n = 2 * SpdInverse.BASE + 5;
        INDArray m = randomSpd(n, 4);
        INDArray v = Nd4j.randn(DataType.DOUBLE, n, 1);
        v.divi(v.norm2Number());
        INDArray indefinite = m.sub(v.mmul(v.transpose()).muli(10.0 * m.norm2Number().doubleValue()));

        assertThatThrownBy(() -> SpdInverse.invert(indefinite)).isInstanceOf(ArithmeticException.class);
    }
}
