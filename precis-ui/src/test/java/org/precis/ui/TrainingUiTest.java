package org.precis.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.api.StatsReport;
import org.deeplearning4j.ui.model.stats.api.StatsType;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precis.pc.layers.PcLayer;

/**
 * {@link TrainingUi}'s listeners on the three kinds of network Precis trains: they record what DL4J's UI and the PC
 * page show, and they never change training.
 */
class TrainingUiTest {

    private static final String STATS_TYPE = "StatsListener";

    @TempDir
    Path dir;

    @Test
    void aSupervisedPcNetworkRecordsDl4jStatisticsAndOnePcReportPerIterationUnderOneSession() {
        MultiLayerNetwork net = TestNets.supervisedPc();
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        String session = TrainingUi.addListeners(net, storage);

        net.fit(TestNets.data(1));

        assertThat(storage.listSessionIDs()).containsExactly(session);
        assertThat(storage.listTypeIDsForSession(session)).contains(STATS_TYPE, PcLevelsReport.TYPE_ID);
        assertThat(storage.getAllUpdatesAfter(session, STATS_TYPE, 0L)).hasSize(TestNets.BATCHES);
        List<PcLevelsReport> reports = pcReports(storage, session);
        assertThat(reports).extracting(PcLevelsReport::iteration).containsExactly(0, 1, 2, 3);
        PcLevelsReport last = reports.get(reports.size() - 1);
        // Levels 1 (hidden) and 2 (output) carry errors; the input (level 0) does not.
        assertThat(last.firstLevel()).isEqualTo(1);
        assertThat(last.numLevels()).isEqualTo(2);
        assertThat(last.stepsTaken()).isEqualTo(20);
        assertThat(last.relaxations()).isEqualTo(TestNets.BATCHES);
        // DL4J's model page plots every parameter, the learned precisions' running moments v1, v2 included.
        StatsReport stats = (StatsReport) storage.getLatestUpdateAllWorkers(session, STATS_TYPE).get(0);
        assertThat(stats.getMeanMagnitudes(StatsType.Parameters)).containsKeys("0_W1", "0_W2", "0_v1", "0_v2");
    }

    @Test
    void relaxationLowersTheRecordedTotalEnergyOfEveryBatchWhenNoStepRoseIt() {
        // Relaxation is gradient descent on the energy: without a rising step, the end is below the start.
        MultiLayerNetwork net = TestNets.supervisedPc();
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        String session = TrainingUi.addListeners(net, storage);

        net.fit(TestNets.data(2));

        for (PcLevelsReport r : pcReports(storage, session)) {
            assertThat(r.energyRises()).isZero();
            assertThat(total(r, r.stepsTaken())).isLessThan(total(r, 0));
        }
    }

    @Test
    void theRecordedPrecisionIsTheMeanOfOneOverTheLayersCurrentVariances() {
        MultiLayerNetwork net = TestNets.supervisedPc();
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        String session = TrainingUi.addListeners(net, storage);

        net.fit(TestNets.data(3));

        PcLayer layer = (PcLayer) net.getLayer(0);
        PcLevelsReport last = pcReports(storage, session).get(TestNets.BATCHES - 1);
        for (int level = 1; level <= 2; level++) {
            double expected = 0;
            double[] variances = layer.currentVariances(level);
            for (double v : variances) {
                expected += 1 / v;
            }
            assertThat(last.meanPrecision(level)).isCloseTo(expected / variances.length,
                    org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void aGenerativePcNetworkRecordsItsDataAndLatentLevelsDuringPretrainingUnderDl4jsLayerSession() {
        MultiLayerNetwork net = TestNets.generativePc();
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        String session = TrainingUi.addListeners(net, storage);

        net.pretrain(TestNets.data(4), 1);

        // While pretraining, DL4J hands listeners the layer and StatsListener names the session after it.
        String layerSession = session + "_layer0";
        assertThat(storage.listSessionIDs()).containsExactly(layerSession);
        assertThat(storage.getAllUpdatesAfter(layerSession, STATS_TYPE, 0L)).hasSize(TestNets.BATCHES);
        List<PcLevelsReport> reports = pcReports(storage, layerSession);
        assertThat(reports).hasSize(TestNets.BATCHES);
        // Level 0 is the data, levels 1 and 2 the latents; the top carries the prior's error.
        assertThat(reports.get(0).firstLevel()).isZero();
        assertThat(reports.get(0).numLevels()).isEqualTo(3);
    }

    @Test
    void kfacTrainingIsRecordedByStatsListenerWithItsLearningRateAndNoPcReport() {
        MultiLayerNetwork net = TestNets.kfac();
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        String session = TrainingUi.addListeners(net, storage);

        net.fit(TestNets.data(5));

        List<Persistable> updates = storage.getAllUpdatesAfter(session, STATS_TYPE, 0L);
        assertThat(updates).hasSize(TestNets.BATCHES);
        StatsReport last = (StatsReport) updates.get(updates.size() - 1);
        // KFac's default learning rate (0.02) is what the UI's model page plots per parameter.
        assertThat(last.getLearningRates()).containsEntry("0_W", 0.02).containsEntry("1_W", 0.02);
        assertThat(storage.listTypeIDsForSession(session)).doesNotContain(PcLevelsReport.TYPE_ID);
    }

    @Test
    void theListenersDoNotChangeTrainingOfAnyOfTheThreeKinds() {
        // Listeners only read: the same network trained with and without them ends with identical parameters.
        assertThat(trainedParams(TestNets.supervisedPc(), true, false))
                .isEqualTo(trainedParams(TestNets.supervisedPc(), false, false));
        assertThat(trainedParams(TestNets.kfac(), true, false))
                .isEqualTo(trainedParams(TestNets.kfac(), false, false));
        assertThat(trainedParams(TestNets.generativePc(), true, true))
                .isEqualTo(trainedParams(TestNets.generativePc(), false, true));
    }

    @Test
    void aFileStatsStorageKeepsThePcReportsForAnotherProcessToOpen() throws Exception {
        File file = dir.resolve("training.dl4j").toFile();
        FileStatsStorage storage = new FileStatsStorage(file);
        MultiLayerNetwork net = TestNets.supervisedPc();
        String session = TrainingUi.addListeners(net, storage);
        net.fit(TestNets.data(6));
        List<PcLevelsReport> written = pcReports(storage, session);
        storage.close();

        StatsStorage reopened = new FileStatsStorage(file);
        List<PcLevelsReport> read = pcReports(reopened, session);
        reopened.close();

        assertThat(read).hasSize(written.size());
        for (int i = 0; i < read.size(); i++) {
            assertThat(read.get(i).encode()).isEqualTo(written.get(i).encode());
        }
    }

    private static double[] trainedParams(MultiLayerNetwork net, boolean withListeners, boolean pretrain) {
        if (withListeners) {
            TrainingUi.addListeners(net, new InMemoryStatsStorage());
        }
        if (pretrain) {
            net.pretrain(TestNets.data(9), 1);
        } else {
            net.fit(TestNets.data(9));
        }
        return net.params().toDoubleVector();
    }

    private static double total(PcLevelsReport r, int step) {
        double sum = 0;
        for (int l = r.firstLevel(); l < r.firstLevel() + r.numLevels(); l++) {
            sum += r.energy(step, l);
        }
        return sum;
    }

    static List<PcLevelsReport> pcReports(StatsStorage storage, String session) {
        return storage.getAllUpdatesAfter(session, PcLevelsReport.TYPE_ID, 0L).stream()
                .map(PcLevelsReport.class::cast)
                .sorted(java.util.Comparator.comparingLong(PcLevelsReport::getTimeStamp))
                .collect(Collectors.toList());
    }

}
