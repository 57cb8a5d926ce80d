package org.precis.pc.conf;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The relaxation and precision options both PC layers share ({@link RelaxationLayerBuilder}) fail in
 * {@code build()} with a message that names the layer and the option, whichever layer carries them.
 */
class RelaxationOptionValidationTest {

    /** A valid builder of each layer, named "pcLayer". */
    private static Stream<Named<Supplier<RelaxationLayerBuilder<?>>>> layers() {
        return Stream.of(
                Named.of("PredictiveCodingOutputLayer", () -> new PredictiveCodingOutputLayer.Builder().name("pcLayer")
                        .nIn(4).hiddenLayerSizes(3).nOut(2)),
                Named.of("GenerativePcLayer", () -> new GenerativePcLayer.Builder().name("pcLayer").nIn(4)
                        .latentSizes(3, 2)));
    }

    private static Stream<Arguments> invalidOptions() {
        Stream<Arguments> options = Stream.of(
                bad("relaxationSteps", b -> b.relaxationSteps(0)),
                bad("stateRate", b -> b.stateRate(0)),
                bad("stateRate", b -> b.stateRate(Double.NaN)),
                bad("stateRate", b -> b.stateRate(Double.POSITIVE_INFINITY)),
                bad("tolerance", b -> b.tolerance(-1)),
                bad("varianceFloor", b -> b.precisionEstimator(PrecisionEstimator.GRADIENT).varianceFloor(0)),
                bad("varianceCeiling", b -> b.precisionEstimator(PrecisionEstimator.GRADIENT).varianceFloor(1)
                        .varianceCeiling(0.5)),
                bad("initialPrecision", b -> b.initialPrecision(-1)),
                bad("initialPrecision", b -> b.precisionEstimator(PrecisionEstimator.GRADIENT).initialPrecision(1e6)),
                bad("initialPrecision", b -> b.initialPrecision(1e6)),
                bad("stepBound", b -> b.stepBound(-0.1)),
                bad("stepBound", b -> b.stepBound(1)),
                bad("precisionEstimator", b -> b.precisionEstimator(null)),
                bad("precisionDamping", b -> b.precisionDamping(0)),
                bad("precisionDamping", b -> b.precisionDamping(Double.NaN)),
                bad("precisionDecay", b -> b.precisionDecay(0)),
                bad("precisionDecay", b -> b.precisionDecay(1)));
        return options.flatMap(o -> layers().map(layer -> Arguments.of(layer, o.get()[0], o.get()[1])));
    }

    private static Arguments bad(String option, UnaryOperator<RelaxationLayerBuilder<?>> change) {
        return Arguments.of(option, change);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidOptions")
    void anInvalidSharedOptionFailsInBuildNamingTheLayerAndTheOption(Supplier<RelaxationLayerBuilder<?>> layer,
            String option, UnaryOperator<RelaxationLayerBuilder<?>> change) {
        assertThatThrownBy(() -> change.apply(layer.get()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"pcLayer\"")
                .hasMessageContaining("option " + option);
    }
}
