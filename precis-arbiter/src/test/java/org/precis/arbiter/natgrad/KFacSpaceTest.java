package org.precis.arbiter.natgrad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.arbiter.optimize.serde.jackson.JsonMapper;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.precis.arbiter.Sampling;
import org.precis.natgrad.config.KFac;

class KFacSpaceTest {

    private static final int SAMPLES = 60;

    static KFacSpace fullSpace() {
        return KFacSpace.builder()
                .learningRate(new ContinuousParameterSpace(new LogUniformDistribution(1e-3, 1e-1)))
                .momentum(new ContinuousParameterSpace(0.0, 0.95))
                .damping(new ContinuousParameterSpace(new LogUniformDistribution(1e-4, 1e-1)))
                .factorDecay(new ContinuousParameterSpace(0.8, 0.99))
                .curvatureUpdatePeriod(new IntegerParameterSpace(1, 4))
                .inversePeriodMultiple(new IntegerParameterSpace(1, 20))
                .klClip(new ContinuousParameterSpace(new LogUniformDistribution(1e-4, 1e-2)))
                .build();
    }

    private static List<KFac> sample(KFacSpace space) {
        return Sampling.sample((ParameterSpace<IUpdater>) space, SAMPLES, 11).stream().map(KFac.class::cast).toList();
    }

    @Test
    void readsBackEqualFromJsonAloneAndInsideAMultiLayerSpace() throws Exception {
        // why: Arbiter stores searches as JSON; an updater space that does not survive it cannot be resumed.
        KFacSpace space = fullSpace();
        String json = JsonMapper.getMapper().writeValueAsString(space);
        assertThat(JsonMapper.getMapper().readValue(json, ParameterSpace.class)).isEqualTo(space);

        MultiLayerSpace network = new MultiLayerSpace.Builder()
                .updater(space)
                .addLayer(new DenseLayerSpace.Builder().nIn(6).nOut(5).activation(Activation.RELU).build())
                .addLayer(new OutputLayerSpace.Builder().nIn(5).nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .build();
        assertThat(MultiLayerSpace.fromJson(network.toJson())).isEqualTo(network);
        assertThat(MultiLayerSpace.fromYaml(network.toYaml())).isEqualTo(network);
    }

    @Test
    void everySampledValueLiesInItsDeclaredRangeAndIsAValidKFac() {
        for (KFac k : sample(fullSpace())) {
            assertThat(k.getLearningRate()).isBetween(1e-3, 1e-1);
            assertThat(k.getMomentum()).isBetween(0.0, 0.95);
            assertThat(k.getDamping()).isBetween(1e-4, 1e-1);
            assertThat(k.getFactorDecay()).isBetween(0.8, 0.99);
            assertThat(k.getCurvatureUpdatePeriod()).isBetween(1, 4);
            assertThat(k.getInverseUpdatePeriod() / k.getCurvatureUpdatePeriod()).isBetween(1, 20);
            assertThat(k.getInverseUpdatePeriod() % k.getCurvatureUpdatePeriod()).isZero();
            assertThat(k.getKlClip()).isBetween(1e-4, 1e-2);
            k.validate();
        }
    }

    @Test
    void everySearchedDimensionTakesSeveralValues() {
        // why: a dimension wired to the wrong index (as Arbiter's own BaseUpdaterSpace.setIndices does) or never
        // applied would stay at one value.
        List<KFac> ks = sample(fullSpace());
        assertVaries(ks, KFac::getLearningRate);
        assertVaries(ks, KFac::getMomentum);
        assertVaries(ks, KFac::getDamping);
        assertVaries(ks, KFac::getFactorDecay);
        assertVaries(ks, KFac::getCurvatureUpdatePeriod);
        assertVaries(ks, k -> k.getInverseUpdatePeriod() / k.getCurvatureUpdatePeriod());
        assertVaries(ks, KFac::getKlClip);
    }

    private static <T> void assertVaries(List<KFac> ks, Function<KFac, T> dimension) {
        Set<T> seen = ks.stream().map(dimension).collect(Collectors.toSet());
        assertThat(seen).as("distinct values over %d samples", ks.size()).hasSizeGreaterThan(1);
    }

    @Test
    void setIndicesGivesEachLeafItsOwnPosition() {
        // why: a space used as a nested updater may be indexed as a whole; leaf i must read position i.
        KFacSpace space = KFacSpace.builder()
                .learningRate(new ContinuousParameterSpace(0.0, 1.0))
                .momentum(new ContinuousParameterSpace(0.0, 0.5))
                .build();
        space.setIndices(0, 1);
        KFac k = (KFac) space.getValue(new double[] {0.2, 0.8});
        assertThat(k.getLearningRate()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(k.getMomentum()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-12));
    }

    static KFacSpace adaptiveSpace() {
        return KFacSpace.builder().adaptive(true)
                .damping(new ContinuousParameterSpace(new LogUniformDistribution(1e-4, 1e-1)))
                .dampingAdaptationPeriod(new IntegerParameterSpace(1, 10))
                .dampingDecay(new ContinuousParameterSpace(0.8, 0.99))
                .dampingBoost(new ContinuousParameterSpace(1.01, 1.3))
                .minDamping(new ContinuousParameterSpace(new LogUniformDistribution(1e-9, 1e-5)))
                .maxDamping(new ContinuousParameterSpace(new LogUniformDistribution(1.0, 100.0)))
                .build();
    }

    @Test
    void anAdaptiveSpaceSamplesValidAdaptiveConfigurationsInItsRangesOnEveryDimension() {
        List<KFac> ks = sample(adaptiveSpace());
        for (KFac k : ks) {
            assertThat(k.isAdaptive()).isTrue();
            assertThat(k.getDamping()).isBetween(1e-4, 1e-1);
            assertThat(k.getDampingAdaptationPeriod()).isBetween(1, 10);
            assertThat(k.getDampingDecay()).isBetween(0.8, 0.99);
            assertThat(k.getDampingBoost()).isBetween(1.01, 1.3);
            assertThat(k.getMinDamping()).isBetween(1e-9, 1e-5);
            assertThat(k.getMaxDamping()).isBetween(1.0, 100.0);
            k.validate();
        }
        assertVaries(ks, KFac::getDamping);
        assertVaries(ks, KFac::getDampingAdaptationPeriod);
        assertVaries(ks, KFac::getDampingDecay);
        assertVaries(ks, KFac::getDampingBoost);
        assertVaries(ks, KFac::getMinDamping);
        assertVaries(ks, KFac::getMaxDamping);
    }

    @Test
    void anAdaptiveSpaceReadsBackEqualFromJson() throws Exception {
        KFacSpace space = adaptiveSpace();
        String json = JsonMapper.getMapper().writeValueAsString(space);

        assertThat(JsonMapper.getMapper().readValue(json, ParameterSpace.class)).isEqualTo(space)
                .isNotEqualTo(KFacSpace.builder().build());
    }

    @Test
    void anAdaptiveSpaceRefusesTheDimensionsTheModeDoesNotUse() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KFacSpace.builder().adaptive(true)
                .learningRate(0.1).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learningRate");
    }

    @Test
    void unsetDimensionsKeepTheKFacDefaults() {
        assertThat(KFacSpace.builder().build().getValue(new double[0])).isEqualTo(new KFac());
    }
}
