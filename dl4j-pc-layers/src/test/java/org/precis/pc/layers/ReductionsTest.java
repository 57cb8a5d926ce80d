package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The BLAS-backed reductions against sums taken value by value. */
class ReductionsTest {

    private static double sumOfSquares(INDArray a) {
        double s = 0;
        for (double v : a.dup('c').data().asDouble()) {
            s += v * v;
        }
        return s;
    }

    @Test
    void squaredNormIsTheSumOfSquaresForWholeArraysRowViewsAndStridedViews() {
        Nd4j.getRandom().setSeed(5);
        INDArray whole = Nd4j.randn(DataType.DOUBLE, 6, 5);
        INDArray rows = whole.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
        INDArray columns = whole.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
        INDArray fOrder = whole.dup('f');
        for (INDArray a : new INDArray[] {whole, rows, columns, fOrder, whole.castTo(DataType.FLOAT)}) {
            assertThat(Reductions.squaredNorm(a)).isCloseTo(sumOfSquares(a), within(1e-5 * sumOfSquares(a)));
        }
    }

    @Test
    void allFiniteFindsNanAndInfinityAnywhereAndAcceptsHugeFiniteValues() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 4, 7);
        assertThat(Reductions.allFinite(a)).isTrue();
        a.putScalar(3, 6, Float.NaN);
        assertThat(Reductions.allFinite(a)).isFalse();
        a.putScalar(3, 6, Float.NEGATIVE_INFINITY);
        assertThat(Reductions.allFinite(a)).isFalse();
        assertThat(Reductions.allFinite(a.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()))).isTrue();
        assertThat(Reductions.allFinite(a.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all()))).isFalse();
        assertThat(Reductions.allFinite(a.get(NDArrayIndex.all(), NDArrayIndex.interval(5, 7)))).isFalse();
        // Squares overflow float here, but the values are finite.
        a.putScalar(3, 6, 3e38f);
        assertThat(Reductions.allFinite(a)).isTrue();
        assertThat(Reductions.allFinite(Nd4j.create(DataType.DOUBLE, 0))).isTrue();
        assertThat(Reductions.allFinite(Nd4j.createFromArray(1, 2, 3))).isTrue();
    }
}
