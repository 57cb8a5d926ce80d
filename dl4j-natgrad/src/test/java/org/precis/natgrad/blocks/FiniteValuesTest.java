package org.precis.natgrad.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The finite check through BLAS's dot product finds what a value-by-value test finds, overflow included. */
class FiniteValuesTest {

    @Test
    void findsNanAndInfinityAnywhereInWholeArraysAndViewsAndAcceptsHugeFiniteValues() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 4, 7);
        assertThat(FiniteValues.all(a)).isTrue();
        a.putScalar(3, 6, Float.NaN);
        assertThat(FiniteValues.all(a)).isFalse();
        a.putScalar(3, 6, Float.NEGATIVE_INFINITY);
        assertThat(FiniteValues.all(a)).isFalse();
        assertThat(FiniteValues.all(a.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()))).isTrue();
        assertThat(FiniteValues.all(a.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all()))).isFalse();
        // A column block: BLAS cannot walk it with unit stride, so every value is tested.
        assertThat(FiniteValues.all(a.get(NDArrayIndex.all(), NDArrayIndex.interval(5, 7)))).isFalse();
        assertThat(FiniteValues.all(a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 5)))).isTrue();
        // Squares overflow float here, but the values are finite.
        a.putScalar(3, 6, 3e38f);
        assertThat(FiniteValues.all(a)).isTrue();
        assertThat(FiniteValues.all(Nd4j.create(DataType.DOUBLE, 0))).isTrue();
        assertThat(FiniteValues.all(Nd4j.createFromArray(1, 2, 3))).isTrue();
    }
}
