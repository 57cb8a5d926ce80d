package org.precis.samples.arms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.precis.natgrad.config.KFac;

class ArmsTest {

    @Test
    void theStandardArmsAreExactlyTheFiveOfThePapersComparison() {
        assertThat(Arms.names()).containsExactly("bp-sgd", "bp-adam", "kfac", "pc", "pc-precision");
    }

    @Test
    void extraArmsAreRegisteredButNotStandard() {
        assertThat(Arms.allNames()).containsSubsequence("pc-precision", "bp-momentum", "kfac-10-100",
                "kfac-adaptive");
        assertThat(Arms.byName("bp-momentum").hyperparameters().get("updater").toString())
                .contains(Nesterovs.class.getSimpleName());
    }

    @Test
    void theSparseKfacArmUpdatesFactorsEveryTenAndInversesEveryHundredSteps() {
        var net = Arms.byName("kfac-10-100").createNetwork(new NetworkShape(4, new int[] {3}, 2), 1);
        KFac updater = (KFac) net.getLayerWiseConfigurations().getConf(0).getLayer().getUpdaterByParam("W");

        assertThat(updater.getCurvatureUpdatePeriod()).isEqualTo(10);
        assertThat(updater.getInverseUpdatePeriod()).isEqualTo(100);
    }

    @Test
    void theAdaptiveKfacArmUsesTheAdaptiveModeWithItsDefaults() {
        var net = Arms.byName("kfac-adaptive").createNetwork(new NetworkShape(4, new int[] {3}, 2), 1);
        KFac updater = (KFac) net.getLayerWiseConfigurations().getConf(0).getLayer().getUpdaterByParam("W");

        assertThat(updater).isEqualTo(KFac.builder().adaptive(true).build());
        assertThat(Arms.byName("kfac-adaptive").description()).contains("Levenberg-Marquardt");
    }

    @Test
    void anUnknownNameListsEveryValidArm() {
        assertThatThrownBy(() -> Arms.byName("nope")).hasMessageContaining("bp-momentum")
                .hasMessageContaining("pc-precision");
    }
}
