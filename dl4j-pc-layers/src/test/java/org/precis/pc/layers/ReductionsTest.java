package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The BLAS-backed reductions against sums taken value by value (the finite check: {@code FiniteValuesTest}). */
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
}
