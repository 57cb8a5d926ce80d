package org.precis.spark.kfac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.KFacTraining;
import org.precis.natgrad.blocks.DenseKroneckerFactoredBlock;
import org.precis.natgrad.config.CurvatureApproximation;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.listener.KFacListener;
import org.precis.samples.arms.BackpropArm;
import org.precis.samples.arms.NetworkShape;

@Timeout(60)
class CurvatureSnapshotTest {

    private static final NetworkShape SHAPE = new NetworkShape(6, new int[] {5}, 3);

    private static KFacListener trainedKFac(long seed, KFac kfac) {
        MultiLayerNetwork net = new MultiLayerNetwork(BackpropArm.configuration(SHAPE, seed, kfac));
        net.init();
        KFacListener listener = KFacTraining.attach(net);
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 6);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 3);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        net.fit(new DataSet(x, y));
        return listener;
    }

    private static DenseKroneckerFactoredBlock block(KFacListener listener, int layer) {
        return (DenseKroneckerFactoredBlock) listener.estimator().layers().get(layer).block();
    }

    /** Averaging factors is what makes the carried curvature equal to the pooled moving average. */
    @Test
    void theMeanOfTwoSnapshotsIsTheElementwiseMeanOfEveryFactor() {
        KFacListener first = trainedKFac(1, new KFac());
        KFacListener second = trainedKFac(2, new KFac());
        CurvatureSnapshot mean = CurvatureSnapshot.capture(first.estimator())
                .plus(CurvatureSnapshot.capture(second.estimator())).mean();

        assertThat(mean.count()).isEqualTo(1);
        assertThat(mean.numLayers()).isEqualTo(2);
        for (int layer = 0; layer < 2; layer++) {
            INDArray expectedA = block(first, layer).inputFactor().add(block(second, layer).inputFactor()).div(2);
            INDArray expectedG = block(first, layer).outputFactor().add(block(second, layer).outputFactor()).div(2);
            assertThat(mean.inputFactor(layer).equalsWithEps(expectedA, 1e-12)).as("A of layer %d", layer).isTrue();
            assertThat(mean.outputFactor(layer).equalsWithEps(expectedG, 1e-12)).as("G of layer %d", layer).isTrue();
            assertThat(block(first, layer).inputFactor().equalsWithEps(block(second, layer).inputFactor(), 1e-6))
                    .as("different data gives different factors, or this test could not fail").isFalse();
        }
    }

    @Test
    void restoringASnapshotGivesAFreshNetworkTheSameFactorsAndInverts() {
        KFacListener trained = trainedKFac(1, new KFac());
        CurvatureSnapshot snapshot = CurvatureSnapshot.capture(trained.estimator());
        MultiLayerNetwork fresh = new MultiLayerNetwork(BackpropArm.configuration(SHAPE, 9, new KFac()));
        fresh.init();
        KFacListener listener = KFacTraining.attach(fresh);

        snapshot.restoreInto(listener.estimator());

        for (int layer = 0; layer < 2; layer++) {
            assertThat(block(listener, layer).inputFactor().equalsWithEps(block(trained, layer).inputFactor(), 0))
                    .isTrue();
            assertThat(block(listener, layer).outputFactor().equalsWithEps(block(trained, layer).outputFactor(), 0))
                    .isTrue();
        }
        assertThat(snapshot.bytes()).isEqualTo(8L * ((7 * 7 + 5 * 5) + (6 * 6 + 3 * 3)));
    }

    @Test
    void aNetworkThatHasNotTrainedHasNoCurvatureToCapture() {
        MultiLayerNetwork fresh = new MultiLayerNetwork(BackpropArm.configuration(SHAPE, 1, new KFac()));
        fresh.init();
        assertThat(CurvatureSnapshot.capture(KFacTraining.attach(fresh).estimator())).isNull();
    }

    @Test
    void averagingRefusesApproximationsOtherThanKroneckerFactorsNamingTheLayer() {
        KFacListener diagonal = trainedKFac(1, KFac.builder().approximation(CurvatureApproximation.DIAGONAL).build());
        assertThatThrownBy(() -> CurvatureSnapshot.capture(diagonal.estimator()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer 0")
                .hasMessageContaining("PER_ROUND");
    }
}
