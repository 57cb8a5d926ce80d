package org.precis.arbiter.pc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.precis.arbiter.EnumSpace;
import org.precis.arbiter.Sampling;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.GenerativeStart;
import org.precis.pc.conf.PrecisionForm;

class GenerativePcLayerSpaceTest {

    private static final int SAMPLES = 80;
    private static final int DATA_SIZE = 12;

    /**
     * Every dimension searched, with ranges that keep 1 / initialPrecision inside [floor, ceiling] and
     * stateRate / varianceFloor at most 1 (the layer's stability rule).
     */
    private static MultiLayerSpace fullSpace() {
        return new MultiLayerSpace.Builder()
                .seed(7)
                .addLayer(new GenerativePcLayerSpace.Builder()
                        .nIn(DATA_SIZE)
                        .updater(new Adam(1e-3))
                        .latentSizes(new HiddenSizesSpace(new IntegerParameterSpace(1, 3),
                                new IntegerParameterSpace(4, 16)))
                        .activation(new EnumSpace<>(Activation.class, Activation.IDENTITY, Activation.SIGMOID))
                        .hiddenActivation(new EnumSpace<>(Activation.class, Activation.TANH, Activation.RELU,
                                Activation.SIGMOID))
                        .precision(new EnumSpace<>(PrecisionForm.class, PrecisionForm.NONE, PrecisionForm.SCALAR,
                                PrecisionForm.DIAGONAL))
                        .relaxationSteps(new IntegerParameterSpace(5, 40))
                        .stateRate(new ContinuousParameterSpace(0.01, 0.1))
                        .tolerance(new ContinuousParameterSpace(0.0, 1e-3))
                        .initialPrecision(new ContinuousParameterSpace(0.5, 4.0))
                        .varianceFloor(new ContinuousParameterSpace(0.1, 0.2))
                        .varianceCeiling(new ContinuousParameterSpace(100, 1000))
                        .precisionUpdater(new AdamSpace(new ContinuousParameterSpace(1e-4, 1e-2),
                                new FixedValue<>(0.9), new FixedValue<>(0.999), new FixedValue<>(1e-8)))
                        .build())
                .build();
    }

    private static List<GenerativePcLayer> sampleLayers(MultiLayerSpace space) {
        return Sampling.sample(space, SAMPLES, 42).stream()
                .map(c -> (GenerativePcLayer) c.getMultiLayerConfiguration().getConf(0).getLayer())
                .toList();
    }

    @Test
    void multiLayerSpaceWithTheGenerativeLayerReadsBackEqualFromJsonAndYaml() {
        // why: Arbiter stores and reloads searches as JSON/YAML; the custom layer space must survive it.
        MultiLayerSpace space = fullSpace();
        assertThat(MultiLayerSpace.fromJson(space.toJson())).isEqualTo(space);
        assertThat(MultiLayerSpace.fromYaml(space.toYaml())).isEqualTo(space);
    }

    @Test
    void aSpaceReadFromJsonOrYamlSamplesTheSameLayersAsTheOriginal() {
        // why: equality of the spaces is only useful if the reloaded one also produces the same candidates.
        MultiLayerSpace space = fullSpace();
        List<GenerativePcLayer> original = sampleLayers(space);
        assertThat(sampleLayers(MultiLayerSpace.fromJson(space.toJson()))).isEqualTo(original);
        assertThat(sampleLayers(MultiLayerSpace.fromYaml(space.toYaml()))).isEqualTo(original);
    }

    @Test
    void fixedLatentSizesReadBackEqualAndReachTheLayer() {
        // why: fixed sizes are the common case (architecture given, relaxation searched).
        MultiLayerSpace space = new MultiLayerSpace.Builder()
                .addLayer(new GenerativePcLayerSpace.Builder().nIn(DATA_SIZE).latentSizes(8, 6)
                        .relaxationSteps(new IntegerParameterSpace(5, 40)).build())
                .build();
        MultiLayerSpace back = MultiLayerSpace.fromJson(space.toJson());
        assertThat(back).isEqualTo(space);
        GenerativePcLayer layer = (GenerativePcLayer) Sampling.sample(back, 1, 1).get(0)
                .getMultiLayerConfiguration().getConf(0).getLayer();
        assertThat(layer.getLatentSizes()).containsExactly(8, 6);
    }

    @Test
    void everySampledValueLiesInItsDeclaredRange() {
        for (GenerativePcLayer l : sampleLayers(fullSpace())) {
            assertThat(l.getLatentSizes().length).isBetween(1, 3);
            assertThat(Arrays.stream(l.getLatentSizes())).allSatisfy(s -> assertThat(s).isBetween(4, 16));
            assertThat(l.getActivationFn()).isIn(Activation.IDENTITY.getActivationFunction(),
                    Activation.SIGMOID.getActivationFunction());
            assertThat(l.getHiddenActivations()).hasSize(l.getLatentSizes().length - 1)
                    .allSatisfy(a -> assertThat(a).isIn(Activation.TANH.getActivationFunction(),
                            Activation.RELU.getActivationFunction(), Activation.SIGMOID.getActivationFunction()));
            // one form for every level 0..L, data and prior included
            assertThat(l.getPrecisionForms()).hasSize(l.getLatentSizes().length + 1).containsOnly(
                    l.getPrecisionForms()[0]);
            assertThat(l.getRelaxationSteps()).isBetween(5, 40);
            assertThat(l.getStateRate()).isBetween(0.01, 0.1);
            assertThat(l.getTolerance()).isBetween(0.0, 1e-3);
            assertThat(l.getInitialPrecision()).isBetween(0.5, 4.0);
            assertThat(l.getVarianceFloor()).isBetween(0.1, 0.2);
            assertThat(l.getVarianceCeiling()).isBetween(100.0, 1000.0);
            assertThat(((Adam) l.getPrecisionUpdater()).getLearningRate()).isBetween(1e-4, 1e-2);
            assertThat(l.getNIn()).isEqualTo(DATA_SIZE);
            // nOut is the layer's: the size of its default embedding level, the top
            assertThat(l.getNOut()).isEqualTo(l.getLatentSizes()[l.getLatentSizes().length - 1]);
        }
    }

    @Test
    void everySearchedDimensionTakesSeveralValues() {
        // why: a dimension wired to the wrong index or never applied would stay at one value.
        List<GenerativePcLayer> layers = sampleLayers(fullSpace());
        List<GenerativePcLayer> deep = layers.stream().filter(l -> l.getLatentSizes().length > 1).toList();
        assertVaries(layers, l -> l.getLatentSizes().length);
        assertVaries(layers, l -> l.getLatentSizes()[0]);
        assertVaries(layers, l -> l.getActivationFn().getClass());
        assertVaries(deep, l -> l.getHiddenActivations()[0].getClass());
        assertVaries(layers, l -> l.getPrecisionForms()[0]);
        assertVaries(layers, GenerativePcLayer::getRelaxationSteps);
        assertVaries(layers, GenerativePcLayer::getStateRate);
        assertVaries(layers, GenerativePcLayer::getTolerance);
        assertVaries(layers, GenerativePcLayer::getInitialPrecision);
        assertVaries(layers, GenerativePcLayer::getVarianceFloor);
        assertVaries(layers, GenerativePcLayer::getVarianceCeiling);
        assertVaries(layers, l -> ((Adam) l.getPrecisionUpdater()).getLearningRate());
    }

    @Test
    void theDataAndLatentPrecisionsAndTheStartAreSearchedApart() {
        // why: the generative layer learns the pixels' precision but usually not the latents'; a search must be able
        // to choose each, and the start, on its own.
        MultiLayerSpace space = new MultiLayerSpace.Builder().seed(7)
                .addLayer(new GenerativePcLayerSpace.Builder().nIn(DATA_SIZE).updater(new Adam(1e-3))
                        .latentSizes(4, 3)
                        .dataPrecision(new EnumSpace<>(PrecisionForm.class, PrecisionForm.NONE, PrecisionForm.DIAGONAL))
                        .latentPrecision(new EnumSpace<>(PrecisionForm.class, PrecisionForm.NONE,
                                PrecisionForm.SCALAR))
                        .start(new EnumSpace<>(GenerativeStart.class, GenerativeStart.PRIOR,
                                GenerativeStart.AMORTISED))
                        .build())
                .build();
        List<GenerativePcLayer> layers = sampleLayers(space);
        assertVaries(layers, l -> l.getPrecisionForms()[0]);
        assertVaries(layers, l -> l.getPrecisionForms()[1]);
        assertVaries(layers, GenerativePcLayer::getStart);
        assertThat(layers).allSatisfy(l -> assertThat(l.getPrecisionForms()[1]).isEqualTo(l.getPrecisionForms()[2]));
        assertThat(MultiLayerSpace.fromJson(space.toJson())).isEqualTo(space);
    }

    private static <T> void assertVaries(List<GenerativePcLayer> layers, Function<GenerativePcLayer, T> dimension) {
        Set<T> seen = layers.stream().map(dimension).collect(Collectors.toSet());
        assertThat(seen).as("distinct values over %d samples", layers.size()).hasSizeGreaterThan(1);
    }

    @Test
    void unsetDimensionsKeepTheLayerDefaults() {
        GenerativePcLayerSpace space = new GenerativePcLayerSpace.Builder().nIn(5).latentSizes(4, 3).build();
        GenerativePcLayer layer = space.getValue(new double[0]);
        GenerativePcLayer defaults = new GenerativePcLayer.Builder().nIn(5).latentSizes(4, 3).build();
        assertThat(layer).isEqualTo(defaults);
        assertThat(layer.getRelaxationSteps()).isEqualTo(GenerativePcLayer.DEFAULT_RELAXATION_STEPS);
        assertThat(layer.getStateRate()).isEqualTo(GenerativePcLayer.DEFAULT_STATE_RATE);
        assertThat(layer.getTolerance()).isEqualTo(GenerativePcLayer.DEFAULT_TOLERANCE);
        assertThat(layer.getInitialPrecision()).isEqualTo(GenerativePcLayer.DEFAULT_INITIAL_PRECISION);
        assertThat(layer.getVarianceFloor()).isEqualTo(GenerativePcLayer.DEFAULT_VARIANCE_FLOOR);
        assertThat(layer.getVarianceCeiling()).isEqualTo(GenerativePcLayer.DEFAULT_VARIANCE_CEILING);
        assertThat(layer.getHiddenActivations())
                .containsExactly(GenerativePcLayer.DEFAULT_HIDDEN_ACTIVATION.getActivationFunction());
        assertThat(layer.getActivationFn()).isEqualTo(Activation.IDENTITY.getActivationFunction());
        assertThat(layer.getPrecisionForms()).containsExactly(PrecisionForm.SCALAR, PrecisionForm.NONE,
                PrecisionForm.NONE);
        assertThat(layer.getEmbeddingLevels()).containsExactly(2);
        assertThat(layer.getPrecisionUpdater()).isNull();
    }

    @Test
    void aSpaceWithoutLatentSizesIsRefused() {
        // why: the layer has no default depth, so a space without one could never produce a candidate.
        assertThatThrownBy(() -> new GenerativePcLayerSpace.Builder().nIn(5).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("latentSizes");
    }

    @Test
    void aSampledNetworkPretrainsOnTinyRandomData() {
        // why: a space is only useful if its candidates build networks that DL4J can pretrain.
        DL4JConfiguration candidate = Sampling.sample(fullSpace(), 1, 3).get(0);
        MultiLayerNetwork net = new MultiLayerNetwork(candidate.getMultiLayerConfiguration());
        net.init();
        INDArray before = net.params().dup();
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, DATA_SIZE);
        net.pretrain(new ViewIterator(new DataSet(x, x), 8), 1);
        assertThat(net.score()).isFinite();
        assertThat(net.params()).isNotEqualTo(before);
        GenerativePcLayer layer = (GenerativePcLayer) candidate.getMultiLayerConfiguration().getConf(0).getLayer();
        assertThat(net.output(x).shape()).containsExactly(16L, layer.getNOut());
    }
}
