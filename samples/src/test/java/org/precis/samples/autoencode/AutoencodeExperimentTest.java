package org.precis.samples.autoencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precis.data.TrainTestData;
import org.precis.data.fashion.FashionMnist;

/** Each model's report reaches the caller as soon as the model is done, before the next one trains. */
class AutoencodeExperimentTest {

    private static final TrainTestData DATA = FashionMnist.fixture().limitTrain(200);

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static AutoencodeSettings settings() {
        PcModelSettings d = PcModelSettings.defaults();
        PcModelSettings pc = new PcModelSettings(4, d.stateRate(), d.stepBound(), d.tolerance(), d.dataPrecision(),
                d.latentPrecision(), d.estimator(), d.damping(), d.varianceFloor());
        return new AutoencodeSettings(List.of(ModelKind.byName("pc"), ModelKind.byName("vae")),
                new ModelSettings(DATA.numFeatures(), new int[] {8, 3}, 1e-3, 1, pc), 1, 50, 1, 50, 1, 0, 1, 0, 0,
                true);
    }

    @Test
    void everyModelIsReportedOnceInOrderWithWhatTheRunReturns(@TempDir Path out) throws IOException {
        List<ModelReport> told = new ArrayList<>();

        List<ModelReport> returned = new AutoencodeExperiment(settings(), DATA, FashionMnist.CLASS_NAMES, out)
                .run(told::add);

        assertThat(told).containsExactlyElementsOf(returned);
        assertThat(told).extracting(ModelReport::name).containsExactly("pc", "vae");
    }

    @Test
    void aModelIsReportedBeforeTheNextOneTrains(@TempDir Path out) {
        AutoencodeExperiment experiment = new AutoencodeExperiment(settings(), DATA, FashionMnist.CLASS_NAMES, out);

        // Stopping the run at the first report (as a kill would) leaves the VAE untrained: no picture of it exists.
        assertThatThrownBy(() -> experiment.run(report -> {
            throw new IOException("stopped after " + report.name());
        })).hasMessage("stopped after pc");
        assertThat(out.resolve("traversal-pc.png")).exists();
        assertThat(out.resolve("traversal-vae.png")).doesNotExist();
    }
}
