package org.precis.natgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.precis.natgrad.blocks.InverseMethod;
import org.precis.natgrad.config.CurvatureApproximation;
import org.precis.natgrad.config.FisherType;
import org.precis.natgrad.config.KFac;

/**
 * Configurations saved before the adaptive options existed keep loading, in fixed mode, and train exactly as the
 * same configuration built with the current code. The fixture {@code compat/kfac-tanh-softmax-configuration.json}
 * was written by {@code MultiLayerConfiguration.toJson()} of the code before those options were added: a 4-5-3
 * tanh/softmax network in double precision, seed 12345, every KFac option away from its default. The parameters after
 * seven steps on {@code TinyNets.teacherData(51, 16, 4, 3)}, {@code compat/kfac-tanh-softmax-parameters-after-7-steps.txt},
 * were written by that same code.
 */
class KFacJsonCompatibilityTest {

    private static final KFac SAVED = KFac.builder().learningRate(0.05).momentum(0.8).damping(2e-3).factorDecay(0.9)
            .curvatureUpdatePeriod(1).inverseUpdatePeriod(3).inverseMethod(InverseMethod.CHOLESKY).klClip(1e-2)
            .weightDecay(1e-4).fisherType(FisherType.EMPIRICAL)
            .approximation(CurvatureApproximation.KRONECKER_FACTORED).build();

    private static MultiLayerConfiguration savedConfiguration() throws IOException {
        try (InputStream in = KFacJsonCompatibilityTest.class.getResourceAsStream(
                "/compat/kfac-tanh-softmax-configuration.json")) {
            return MultiLayerConfiguration.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aConfigurationSavedBeforeTheAdaptiveOptionsLoadsInFixedModeWithTheirDefaults() throws IOException {
        MultiLayerConfiguration conf = savedConfiguration();

        for (int i = 0; i < 2; i++) {
            KFac kfac = (KFac) ((BaseLayer) conf.getConf(i).getLayer()).getIUpdater();
            assertThat(kfac).isEqualTo(SAVED);
            assertThat(kfac.isAdaptive()).isFalse();
        }
        assertThat(conf).isEqualTo(TinyNets.tanhSoftmax(SAVED, 4, 5, 3));
    }

    @Test
    void aConfigurationSavedBeforeTheAdaptiveOptionsTrainsAsItDidThen() throws IOException {
        MultiLayerNetwork loaded = TinyNets.network(savedConfiguration());
        KFacTraining.attach(loaded);
        DataSet data = TinyNets.teacherData(51, 16, 4, 3);

        for (int i = 0; i < 7; i++) {
            loaded.fit(data);
        }

        double[] expected;
        try (InputStream in = KFacJsonCompatibilityTest.class.getResourceAsStream(
                "/compat/kfac-tanh-softmax-parameters-after-7-steps.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .mapToDouble(Double::parseDouble).toArray();
        }
        // Bit-identical when nothing in the fixed path changed; the tolerance leaves room for reordered sums.
        assertThat(loaded.params().toDoubleVector()).containsExactly(expected, within(1e-12));
    }
}
