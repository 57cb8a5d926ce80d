package org.precis.data.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class GaussianInputNoiseTest {

    private static DataSet uniformImages(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return new DataSet(Nd4j.rand(DataType.FLOAT, 200, 784), Nd4j.zeros(DataType.FLOAT, 200, 10));
    }

    @Test
    void addedNoiseHasMeanZeroAndTheRequestedStandardDeviation() {
        DataSet batch = uniformImages(1);
        INDArray clean = batch.getFeatures().dup();

        new GaussianInputNoise(0.5, 11).preProcess(batch);

        INDArray noise = batch.getFeatures().sub(clean);
        // 156,800 draws: the standard error of the mean is 0.5/396 ~ 0.0013, of the sd about 0.0009.
        assertThat(noise.meanNumber().doubleValue()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(0.006));
        assertThat(noise.stdNumber().doubleValue()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.005));
    }

    @Test
    void unclippedNoiseLeavesTheUnitInterval() {
        DataSet batch = uniformImages(2);

        new GaussianInputNoise(1.0, 3).preProcess(batch);

        assertThat(batch.getFeatures().minNumber().doubleValue()).isLessThan(-1.0);
        assertThat(batch.getFeatures().maxNumber().doubleValue()).isGreaterThan(2.0);
    }

    @Test
    void clippedNoiseStaysInTheUnitInterval() {
        DataSet batch = uniformImages(3);

        GaussianInputNoise.clipped(1.0, 3).preProcess(batch);

        assertThat(batch.getFeatures().minNumber().doubleValue()).isEqualTo(0.0);
        assertThat(batch.getFeatures().maxNumber().doubleValue()).isEqualTo(1.0);
    }

    @Test
    void theSameSeedGivesTheSameNoiseAndTheNextBatchGetsNewNoise() {
        GaussianInputNoise a = new GaussianInputNoise(0.25, 5);
        GaussianInputNoise b = new GaussianInputNoise(0.25, 5);
        DataSet first = uniformImages(4);
        DataSet firstAgain = uniformImages(4);
        DataSet second = uniformImages(4);

        a.preProcess(first);
        b.preProcess(firstAgain);
        a.preProcess(second);

        assertThat(first.getFeatures()).isEqualTo(firstAgain.getFeatures());
        assertThat(second.getFeatures()).isNotEqualTo(first.getFeatures());
    }

    @Test
    void negativeOrNonFiniteSigmaIsRejected() {
        assertThatThrownBy(() -> new GaussianInputNoise(-0.1, 0)).hasMessageContaining("input noise sigma");
        assertThatThrownBy(() -> new GaussianInputNoise(Double.POSITIVE_INFINITY, 0))
                .hasMessageContaining("input noise sigma");
    }

    @Test
    void aRestoredGeneratorStateContinuesTheSameNoiseStream() {
        GaussianInputNoise original = new GaussianInputNoise(0.5, 11);
        original.preProcess(new DataSet(Nd4j.zeros(DataType.FLOAT, 4, 3), Nd4j.zeros(DataType.FLOAT, 4, 2)));
        long[] state = original.generatorState();
        DataSet next = new DataSet(Nd4j.zeros(DataType.FLOAT, 4, 3), Nd4j.zeros(DataType.FLOAT, 4, 2));
        original.preProcess(next);

        GaussianInputNoise resumed = new GaussianInputNoise(0.5, 11);
        resumed.restoreGeneratorState(state);
        DataSet again = new DataSet(Nd4j.zeros(DataType.FLOAT, 4, 3), Nd4j.zeros(DataType.FLOAT, 4, 2));
        resumed.preProcess(again);

        assertThat(again.getFeatures()).isEqualTo(next.getFeatures());
        assertThat(again.getFeatures().sumNumber().doubleValue()).isNotZero();
    }
}
