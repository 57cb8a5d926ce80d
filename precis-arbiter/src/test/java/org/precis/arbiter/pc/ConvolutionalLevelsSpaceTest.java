package org.precis.arbiter.pc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.precis.arbiter.EnumSpace;
import org.precis.arbiter.Sampling;
import org.precis.pc.conf.ConvolutionalLevel;
import org.precis.pc.conf.ConvolutionalLevel.Pooling;
import org.precis.pc.conf.PredictiveCodingOutputLayer;

class ConvolutionalLevelsSpaceTest {

    private static final int SAMPLES = 60;

    /** A pooled 3x3 level (stride 1, padding 1) under an unpooled 3x3 level, on 1x8x8 images. */
    private static ConvolutionalLevel[] baseLevels() {
        return new ConvolutionalLevel[] {
            new ConvolutionalLevel.Builder(4, 3, 3).padding(1, 1).pooling(Pooling.MAX, 2, 2).build(),
            new ConvolutionalLevel.Builder(6, 3, 3).padding(1, 1).build()};
    }

    private static ConvolutionalLevelsSpace searched() {
        return new ConvolutionalLevelsSpace.Builder(baseLevels())
                .channels(new IntegerParameterSpace(2, 8), new IntegerParameterSpace(3, 12))
                .kernelSize(new DiscreteParameterSpace<>(3, 5))
                .pooling(new EnumSpace<>(Pooling.class, Pooling.MAX, Pooling.AVG))
                .build();
    }

    private static MultiLayerSpace networkSpace(ConvolutionalLevelsSpace levels) {
        return new MultiLayerSpace.Builder()
                .seed(5)
                .addLayer(new PredictiveCodingOutputLayerSpace.Builder()
                        .nIn(64).nOut(3)
                        .inputShape(1, 8, 8)
                        .convolutionalLevels(levels)
                        .hiddenLayerSizes(new int[] {5})
                        .relaxationSteps(3)
                        .updater(new Adam(1e-3))
                        .build())
                .build();
    }

    private static List<ConvolutionalLevel[]> sampleLevels(MultiLayerSpace space, long seed) {
        return Sampling.sample(space, SAMPLES, seed).stream()
                .map(c -> ((PredictiveCodingOutputLayer) c.getMultiLayerConfiguration().getConf(0).getLayer())
                        .getConvolutionalLevels())
                .toList();
    }

    @Test
    void everySampledLevelTakesItsSearchedValuesAndKeepsTheRest() {
        for (ConvolutionalLevel[] levels : sampleLevels(networkSpace(searched()), 11)) {
            assertThat(levels).hasSize(2);
            assertThat(levels[0].getChannels()).isBetween(2, 8);
            assertThat(levels[1].getChannels()).isBetween(3, 12);
            int k = levels[0].getKernelSize()[0];
            assertThat(k).isIn(3, 5);
            for (ConvolutionalLevel level : levels) {
                // one kernel size for every level, square, with the padding that keeps the image size
                assertThat(level.getKernelSize()).containsExactly(k, k);
                assertThat(level.getPadding()).containsExactly((k - 1) / 2, (k - 1) / 2);
                assertThat(level.getStride()).containsExactly(1, 1);
            }
            assertThat(levels[0].getPooling()).isIn(Pooling.MAX, Pooling.AVG);
            assertThat(levels[0].getPoolingSize()).containsExactly(2, 2);
            // the unpooled level stays unpooled: pooling is searched only where the base levels pool
            assertThat(levels[1].getPooling()).isEqualTo(Pooling.NONE);
        }
    }

    @Test
    void everySearchedDimensionTakesSeveralValues() {
        List<ConvolutionalLevel[]> sampled = sampleLevels(networkSpace(searched()), 12);
        assertThat(sampled.stream().map(l -> l[0].getChannels()).collect(Collectors.toSet())).hasSizeGreaterThan(3);
        assertThat(sampled.stream().map(l -> l[1].getChannels()).collect(Collectors.toSet())).hasSizeGreaterThan(3);
        assertThat(sampled.stream().map(l -> l[0].getKernelSize()[0]).collect(Collectors.toSet()))
                .isEqualTo(Set.of(3, 5));
        assertThat(sampled.stream().map(l -> l[0].getPooling()).collect(Collectors.toSet()))
                .isEqualTo(Set.of(Pooling.MAX, Pooling.AVG));
    }

    @Test
    void aSpaceWithoutSearchedDimensionsGivesCopiesOfTheBaseLevels() {
        ConvolutionalLevelsSpace fixed = new ConvolutionalLevelsSpace.Builder(baseLevels()).build();
        assertThat(fixed.numParameters()).isZero();
        ConvolutionalLevel[] first = fixed.getValue(new double[0]);
        assertThat(first).containsExactly(baseLevels());
        first[0].setChannels(99);
        // why: a candidate's levels are its own; changing one must not change the next candidate's.
        assertThat(fixed.getValue(new double[0])[0].getChannels()).isEqualTo(4);
    }

    @Test
    void theSpaceReadsBackEqualFromJsonAndSamplesTheSameLevels() {
        MultiLayerSpace space = networkSpace(searched());
        MultiLayerSpace back = MultiLayerSpace.fromJson(space.toJson());
        assertThat(back).isEqualTo(space);
        assertThat(MultiLayerSpace.fromYaml(space.toYaml())).isEqualTo(space);
        List<ConvolutionalLevel[]> original = sampleLevels(space, 13);
        List<ConvolutionalLevel[]> reread = sampleLevels(back, 13);
        for (int i = 0; i < SAMPLES; i++) {
            assertThat(reread.get(i)).containsExactly(original.get(i));
        }
    }

    @Test
    void aChannelSpacePerLevelIsRequired() {
        assertThatThrownBy(() -> new ConvolutionalLevelsSpace.Builder(baseLevels())
                .channels(new IntegerParameterSpace(2, 8)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ConvolutionalLevelsSpace")
                .hasMessageContaining("(2)")
                .hasMessageContaining("got 1");
    }

    @Test
    void sampledNetworksOfEitherKernelSizeTrainOnImages() {
        // why: a kernel size changes only the kernels, not the shapes of the levels above, so every candidate
        // builds a network whose dense levels fit, and DL4J can fit it on a batch of images.
        Set<Integer> kernels = new java.util.HashSet<>();
        for (DL4JConfiguration candidate : Sampling.sample(networkSpace(searched()), 8, 14)) {
            MultiLayerNetwork net = new MultiLayerNetwork(candidate.getMultiLayerConfiguration());
            net.init();
            PredictiveCodingOutputLayer conf = (PredictiveCodingOutputLayer) net.getLayer(0).conf().getLayer();
            kernels.add(conf.getConvolutionalLevels()[0].getKernelSize()[0]);
            INDArray images = Nd4j.rand(DataType.FLOAT, 4, 1, 8, 8);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, 4, 3);
            for (int i = 0; i < 4; i++) {
                labels.putScalar(i, i % 3, 1.0);
            }
            net.fit(images, labels);
            assertThat(net.score()).isFinite();
            assertThat(net.output(images).shape()).containsExactly(4, 3);
        }
        assertThat(kernels).isEqualTo(Set.of(3, 5));
    }
}
