package org.precis.arbiter.pc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.precis.arbiter.EnumSpace;
import org.precis.arbiter.Sampling;
import org.precis.pc.conf.InferenceMode;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.conf.WeightPreconditioner;

class PredictiveCodingOutputLayerSpaceTest {

    private static final int SAMPLES = 80;

    /** Every dimension searched, with ranges that keep 1 / initialPrecision inside [floor, ceiling]. */
    private static MultiLayerSpace fullSpace() {
        return new MultiLayerSpace.Builder()
                .seed(7)
                .addLayer(new PredictiveCodingOutputLayerSpace.Builder()
                        .nIn(12).nOut(3)
                        .updater(new Adam(1e-3))
                        .hiddenLayerSizes(new HiddenSizesSpace(new IntegerParameterSpace(1, 3),
                                new IntegerParameterSpace(4, 16)))
                        .hiddenActivation(new EnumSpace<>(Activation.class, Activation.TANH, Activation.RELU,
                                Activation.SIGMOID))
                        .hiddenPrecision(new EnumSpace<>(PrecisionForm.class, PrecisionForm.NONE,
                                PrecisionForm.SCALAR, PrecisionForm.DIAGONAL))
                        .outputPrecision(new EnumSpace<>(PrecisionForm.class, PrecisionForm.SCALAR,
                                PrecisionForm.DIAGONAL))
                        .topEnergy(new EnumSpace<>(TopEnergy.class, TopEnergy.GAUSSIAN, TopEnergy.CATEGORICAL))
                        .relaxationSteps(new IntegerParameterSpace(5, 40))
                        .stateRate(new ContinuousParameterSpace(0.02, 0.1))
                        .tolerance(new ContinuousParameterSpace(0.0, 1e-3))
                        .initialPrecision(new ContinuousParameterSpace(0.5, 5.0))
                        .varianceFloor(new ContinuousParameterSpace(0.05, 0.15))
                        .varianceCeiling(new ContinuousParameterSpace(100, 1000))
                        .precisionUpdater(new AdamSpace(new ContinuousParameterSpace(1e-4, 1e-2),
                                new FixedValue<>(0.9), new FixedValue<>(0.999), new FixedValue<>(1e-8)))
                        .inferenceMode(new EnumSpace<>(InferenceMode.class, InferenceMode.FEED_FORWARD,
                                InferenceMode.RELAXED))
                        .precisionEstimator(new EnumSpace<>(PrecisionEstimator.class,
                                PrecisionEstimator.RUNNING_MOMENTS, PrecisionEstimator.GRADIENT))
                        .precisionDamping(new ContinuousParameterSpace(1e-4, 1e-2))
                        .precisionDecay(new ContinuousParameterSpace(0.8, 0.99))
                        .stepBound(new ContinuousParameterSpace(0.1, 0.9))
                        .weightPreconditioner(new EnumSpace<>(WeightPreconditioner.class, WeightPreconditioner.NONE,
                                WeightPreconditioner.KRONECKER))
                        .kroneckerDamping(new ContinuousParameterSpace(1e-4, 1e-1))
                        .kroneckerDecay(new ContinuousParameterSpace(0.8, 0.99))
                        .kroneckerInversePeriod(new IntegerParameterSpace(1, 20))
                        .kroneckerKlClip(new ContinuousParameterSpace(1e-4, 1e-2))
                        .build())
                .build();
    }

    private static List<PredictiveCodingOutputLayer> sampleLayers(MultiLayerSpace space) {
        return Sampling.sample(space, SAMPLES, 42).stream()
                .map(c -> (PredictiveCodingOutputLayer) c.getMultiLayerConfiguration().getConf(0).getLayer())
                .toList();
    }

    @Test
    void multiLayerSpaceWithThePcLayerReadsBackEqualFromJsonAndYaml() {
        // why: Arbiter stores and reloads searches as JSON/YAML; the custom layer space must survive it.
        MultiLayerSpace space = fullSpace();
        assertThat(MultiLayerSpace.fromJson(space.toJson())).isEqualTo(space);
        assertThat(MultiLayerSpace.fromYaml(space.toYaml())).isEqualTo(space);
    }

    @Test
    void fixedHiddenSizesReadBackEqualFromJson() {
        // why: fixed sizes are the common case (architecture given, relaxation searched).
        MultiLayerSpace space = new MultiLayerSpace.Builder()
                .addLayer(new PredictiveCodingOutputLayerSpace.Builder().nIn(12).nOut(3).hiddenLayerSizes(8, 6)
                        .relaxationSteps(new IntegerParameterSpace(5, 40)).build())
                .build();
        MultiLayerSpace back = MultiLayerSpace.fromJson(space.toJson());
        assertThat(back).isEqualTo(space);
        assertThat(Sampling.sample(back, 1, 1).get(0).getMultiLayerConfiguration().getConf(0).getLayer())
                .extracting(l -> ((PredictiveCodingOutputLayer) l).getHiddenLayerSizes()).isEqualTo(new int[] {8, 6});
    }

    @Test
    void aSpaceReadFromJsonSamplesTheSameLayersAsTheOriginal() {
        // why: equality of the spaces is only useful if the reloaded one also produces the same candidates.
        MultiLayerSpace space = fullSpace();
        MultiLayerSpace back = MultiLayerSpace.fromJson(space.toJson());
        assertThat(sampleLayers(back)).isEqualTo(sampleLayers(space));
    }

    @Test
    void everySampledValueLiesInItsDeclaredRange() {
        for (PredictiveCodingOutputLayer l : sampleLayers(fullSpace())) {
            assertThat(l.getHiddenLayerSizes().length).isBetween(1, 3);
            assertThat(java.util.Arrays.stream(l.getHiddenLayerSizes())).allSatisfy(s -> assertThat(s).isBetween(4, 16));
            assertThat(l.getRelaxationSteps()).isBetween(5, 40);
            assertThat(l.getStateRate()).isBetween(0.02, 0.1);
            assertThat(l.getTolerance()).isBetween(0.0, 1e-3);
            assertThat(l.getInitialPrecision()).isBetween(0.5, 5.0);
            assertThat(l.getVarianceFloor()).isBetween(0.05, 0.15);
            assertThat(l.getVarianceCeiling()).isBetween(100.0, 1000.0);
            assertThat(((Adam) l.getPrecisionUpdater()).getLearningRate()).isBetween(1e-4, 1e-2);
            assertThat(l.getPrecisionDamping()).isBetween(1e-4, 1e-2);
            assertThat(l.getPrecisionDecay()).isBetween(0.8, 0.99);
            assertThat(l.getStepBound()).isBetween(0.1, 0.9);
            assertThat(l.getKroneckerDamping()).isBetween(1e-4, 1e-1);
            assertThat(l.getKroneckerDecay()).isBetween(0.8, 0.99);
            assertThat(l.getKroneckerInversePeriod()).isBetween(1, 20);
            assertThat(l.getKroneckerKlClip()).isBetween(1e-4, 1e-2);
            assertThat(l.getNIn()).isEqualTo(12);
            assertThat(l.getNOut()).isEqualTo(3);
        }
    }

    @Test
    void everySearchedDimensionTakesSeveralValues() {
        // why: a dimension wired to the wrong index or never applied would stay at one value.
        List<PredictiveCodingOutputLayer> layers = sampleLayers(fullSpace());
        List<PredictiveCodingOutputLayer> gaussian = layers.stream()
                .filter(l -> l.getTopEnergy() == TopEnergy.GAUSSIAN).toList();
        assertVaries(layers, l -> l.getHiddenLayerSizes().length);
        assertVaries(layers, l -> l.getHiddenLayerSizes()[0]);
        assertVaries(layers, l -> l.getHiddenActivations()[0].getClass());
        assertVaries(layers, l -> l.getPrecisionForms()[0]);
        assertVaries(gaussian, l -> l.getPrecisionForms()[l.getHiddenLayerSizes().length]);
        assertVaries(layers, PredictiveCodingOutputLayer::getTopEnergy);
        assertVaries(layers, PredictiveCodingOutputLayer::getRelaxationSteps);
        assertVaries(layers, PredictiveCodingOutputLayer::getStateRate);
        assertVaries(layers, PredictiveCodingOutputLayer::getTolerance);
        assertVaries(layers, PredictiveCodingOutputLayer::getInitialPrecision);
        assertVaries(layers, PredictiveCodingOutputLayer::getVarianceFloor);
        assertVaries(layers, PredictiveCodingOutputLayer::getVarianceCeiling);
        assertVaries(layers, l -> ((Adam) l.getPrecisionUpdater()).getLearningRate());
        assertVaries(layers, PredictiveCodingOutputLayer::getInferenceMode);
        assertVaries(layers, PredictiveCodingOutputLayer::getPrecisionEstimator);
        assertVaries(layers, PredictiveCodingOutputLayer::getPrecisionDamping);
        assertVaries(layers, PredictiveCodingOutputLayer::getPrecisionDecay);
        assertVaries(layers, PredictiveCodingOutputLayer::getStepBound);
        assertVaries(layers, PredictiveCodingOutputLayer::getWeightPreconditioner);
        assertVaries(layers, PredictiveCodingOutputLayer::getKroneckerDamping);
        assertVaries(layers, PredictiveCodingOutputLayer::getKroneckerDecay);
        assertVaries(layers, PredictiveCodingOutputLayer::getKroneckerInversePeriod);
        assertVaries(layers, PredictiveCodingOutputLayer::getKroneckerKlClip);
    }

    private static <T> void assertVaries(List<PredictiveCodingOutputLayer> layers,
            Function<PredictiveCodingOutputLayer, T> dimension) {
        Set<T> seen = layers.stream().map(dimension).collect(Collectors.toSet());
        assertThat(seen).as("distinct values over %d samples", layers.size()).hasSizeGreaterThan(1);
    }

    @Test
    void theTopEnergyDecidesTheOutputActivationAndTheCategoricalTopHasNoOutputPrecision() {
        // why: the layer refuses a categorical top with any other pairing, so the space must never produce one.
        for (PredictiveCodingOutputLayer l : sampleLayers(fullSpace())) {
            PrecisionForm output = l.getPrecisionForms()[l.getHiddenLayerSizes().length];
            if (l.getTopEnergy() == TopEnergy.CATEGORICAL) {
                assertThat(l.getActivationFn()).isInstanceOf(ActivationSoftmax.class);
                assertThat(output).isEqualTo(PrecisionForm.NONE);
            } else {
                assertThat(l.getActivationFn()).isInstanceOf(ActivationIdentity.class);
                assertThat(output).isIn(PrecisionForm.SCALAR, PrecisionForm.DIAGONAL);
            }
        }
    }

    @Test
    void unsetDimensionsKeepTheLayerDefaults() {
        PredictiveCodingOutputLayerSpace space = new PredictiveCodingOutputLayerSpace.Builder().nIn(5).nOut(2)
                .build();
        PredictiveCodingOutputLayer layer = space.getValue(new double[0]);
        PredictiveCodingOutputLayer defaults = new PredictiveCodingOutputLayer.Builder().nIn(5).nOut(2).build();
        assertThat(layer).isEqualTo(defaults);
    }

    @Test
    void aSampledNetworkTrainsOnABatch() {
        // why: a space is only useful if its candidates build networks that DL4J can fit.
        DL4JConfiguration candidate = Sampling.sample(fullSpace(), 1, 3).get(0);
        MultiLayerNetwork net = new MultiLayerNetwork(candidate.getMultiLayerConfiguration());
        net.init();
        var features = Nd4j.rand(DataType.FLOAT, 8, 12);
        var labels = Nd4j.zeros(DataType.FLOAT, 8, 3);
        for (int i = 0; i < 8; i++) {
            labels.putScalar(i, i % 3, 1.0);
        }
        net.fit(features, labels);
        assertThat(net.score()).isFinite();
    }
}
