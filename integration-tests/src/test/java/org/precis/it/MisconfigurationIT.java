package org.precis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.precis.data.fashion.FashionMnist;
import org.precis.natgrad.config.KFac;
import org.precis.pc.PcNetworks;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.PrecisionForm;
import org.precis.samples.arms.BackpropArm;
import org.precis.samples.arms.ConfiguredArm;
import org.precis.samples.arms.NetworkShape;

/**
 * Configurations that used to train silently as something else now fail, before training or at its first step,
 * with a message saying what is wrong and what to do.
 */
class MisconfigurationIT {

    private static final DataSet BATCH = FashionMnist.fixture().train().sample(32);

    @Test
    void aSearchedConfigurationWithAnotherHiddenSizeIsRefusedInsteadOfReportedAsOneAndTrainedAsTheOther(
            @TempDir Path work) throws Exception {
        Path searched = work.resolve("pc.json");
        MultiLayerConfiguration pc = PcNetworks.supervisedMlp(784, new int[] {256, 256}, 10, PrecisionForm.DIAGONAL,
                new Adam(1e-3), 1);
        ConfiguredArm.save(searched, "pc-precision-searched", "pc-precision", 0.8, Map.of(),
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(pc.toJson()));

        PrecisJar.Run run = PrecisJar.run(work, "compare", "--data", "fixture", "--epochs", "1", "--arms",
                "pc-precision", "--searched", searched.toString(), "--hidden", "32", "--out", "run");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("'--searched'").contains("its network is 784-256-256-10, but --hidden "
                + "asks for 784-32-10");
        assertThat(work.resolve("run")).doesNotExist();
    }

    @Test
    void aKFacUpdaterWithoutAttachRefusesToTrainInsteadOfBeingSgdWithMomentum() {
        MultiLayerNetwork net = new MultiLayerNetwork(BackpropArm.configuration(new NetworkShape(784, new int[] {16},
                10), 1, new KFac()));
        net.init();

        assertThatThrownBy(() -> net.fit(BATCH)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Call KFacTraining.attach(net)");
    }

    @Test
    void twoStackedPcOutputLayersFailNamingTheLayerInsteadOfLabelsAreNotSet() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .updater(new Adam(1e-3)).list()
                .layer(new PredictiveCodingOutputLayer.Builder().nIn(784).hiddenLayerSizes(32).nOut(32).build())
                .layer(new PredictiveCodingOutputLayer.Builder().nIn(32).hiddenLayerSizes(16).nOut(10).build())
                .build());
        net.init();

        assertThatThrownBy(() -> net.fit(BATCH)).isInstanceOf(DL4JInvalidInputException.class)
                .hasMessageContaining("is not the network's last layer").hasMessageContaining("layer index: 0");
    }

    @Test
    void aStrayCsvLabelThatWouldAddUnseenClassesIsRefusedNamingItsRow(@TempDir Path work) throws Exception {
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            rows.add((i % 7) / 7.0 + "," + (i % 5) / 5.0 + "," + (i == 57 ? 7 : i % 3));
        }
        Path csv = Files.write(work.resolve("three-classes.csv"), rows);

        PrecisJar.Run run = PrecisJar.run(work, "compare", "--data", "csv:" + csv, "--epochs", "1", "--hidden", "4",
                "--out", "run");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("labels 0, 1, 2, 7 occur but 3, 4, 5, 6 never do")
                .contains("three-classes.csv, row 57, column 3").doesNotContain("\tat ");
        assertThat(work.resolve("run")).doesNotExist();
    }
}
