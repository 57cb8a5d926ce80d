package org.precis.pc.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The Java categorical energy against the sum -y ln mu taken value by value in double. */
class FloatCategoricalEnergyTest {

    private static double reference(INDArray y, INDArray mu) {
        double[][] t = y.toDoubleMatrix();
        double[][] p = mu.toDoubleMatrix();
        double sum = 0;
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < t[i].length; j++) {
                sum -= t[i][j] * Math.log(Math.max(p[i][j], 1e-30));
            }
        }
        return sum;
    }

    @Test
    void oneHotSoftAndViewTargetsGiveTheCrossEntropyOfTheBatch() {
        Nd4j.getRandom().setSeed(9);
        INDArray mu = Transforms.softmax(Nd4j.randn(DataType.FLOAT, 6, 4).muli(3), true);
        // One probability that underflows: the floor keeps the energy finite.
        mu.putScalar(5, 2, 0f);
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, 6, 4);
        int[] labels = {0, 3, 1, 2, 3, 2};
        for (int i = 0; i < labels.length; i++) {
            oneHot.putScalar(i, labels[i], 1f);
        }
        INDArray soft = Transforms.softmax(Nd4j.randn(DataType.FLOAT, 6, 4), true);
        INDArray inBigger = Nd4j.zeros(DataType.DOUBLE, 10, 4);
        inBigger.get(NDArrayIndex.interval(4, 10), NDArrayIndex.all()).assign(oneHot);
        INDArray view = inBigger.get(NDArrayIndex.interval(4, 10), NDArrayIndex.all());
        FloatCategoricalEnergy energy = new FloatCategoricalEnergy(mu);

        for (INDArray y : new INDArray[] {oneHot, soft, view}) {
            energy.bind(y);
            double expected = reference(y, mu);
            assertThat(energy.energy()).isCloseTo(expected, within(1e-6 * Math.abs(expected)));
        }
        assertThat(FloatCategoricalEnergy.accepts(mu)).isTrue();
        assertThat(FloatCategoricalEnergy.accepts(mu.castTo(DataType.DOUBLE))).isFalse();
    }
}
