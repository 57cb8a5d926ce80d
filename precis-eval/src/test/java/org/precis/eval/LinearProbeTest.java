package org.precis.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The probe is a linear classifier: perfect on linearly separable codes, at chance on codes without labels. */
class LinearProbeTest {

    private static INDArray oneHot(int[] labels, int classes) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1);
        }
        return y;
    }

    /** Labels = the sign of a fixed linear function of Gaussian codes, with a margin of 0.3 around the boundary. */
    private static Object[] halfSpaces(int n, long seed) {
        Random r = new Random(seed);
        double[] w = {1, -2, 0.5, 3, 0, 1};
        float[][] x = new float[n][w.length];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double s;
            do {
                s = 0;
                for (int j = 0; j < w.length; j++) {
                    // A scale of 1000 on some units: the probe must not care how big the codes are.
                    x[i][j] = (float) (r.nextGaussian() * (j % 2 == 0 ? 1000 : 1));
                    s += w[j] * x[i][j] / (j % 2 == 0 ? 1000 : 1);
                }
            } while (Math.abs(s) < 0.3);
            labels[i] = s > 0 ? 1 : 0;
        }
        return new Object[] {Nd4j.createFromArray(x), oneHot(labels, 2)};
    }

    @Test
    void linearlySeparableCodesAreClassifiedAlmostPerfectly() {
        Object[] train = halfSpaces(2000, 1);
        Object[] test = halfSpaces(1000, 2);

        double accuracy = new LinearProbe(60, 3).accuracy((INDArray) train[0], (INDArray) train[1],
                (INDArray) test[0], (INDArray) test[1]);

        // A margin of 0.3 (about 0.08 of the spread of w.x) leaves room for an imperfect but close separator.
        assertThat(accuracy).isGreaterThan(0.97);
    }

    @Test
    void codesIndependentOfTheLabelsGiveChanceAccuracy() {
        Nd4j.getRandom().setSeed(7);
        Random r = new Random(8);
        int[] trainLabels = r.ints(2000, 0, 10).toArray();
        int[] testLabels = r.ints(2000, 0, 10).toArray();

        double accuracy = new LinearProbe(10, 3).accuracy(Nd4j.randn(DataType.FLOAT, 2000, 32),
                oneHot(trainLabels, 10), Nd4j.randn(DataType.FLOAT, 2000, 32), oneHot(testLabels, 10));

        // Chance is 0.1; over 2,000 test codes its standard error is sqrt(0.1 * 0.9 / 2000) = 0.0067: 5 SE.
        assertThat(accuracy).isBetween(0.1 - 0.034, 0.1 + 0.034);
    }

    @Test
    void aProbeNeedsAtLeastOneEpoch() {
        assertThatThrownBy(() -> new LinearProbe(0, 1)).hasMessageContaining("epochs");
    }
}
