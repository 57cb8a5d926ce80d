package org.precis.ui;

import java.util.HashSet;
import java.util.Set;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.precis.pc.stats.PcStatistics;

/**
 * Training listener that stores a {@link PcLevelsReport} of every predictive-coding layer every {@code frequency}
 * iterations, during {@code fit} and {@code pretrain}. Sessions follow DL4J's {@code StatsListener}: the network's
 * session, or {@code <session>_layer<index>} while DL4J pretrains one layer (it then hands listeners the layer, not
 * the network), so both pages of the UI show a run under the same name.
 *
 * <p>The first record of a session is also stored as its static information: DL4J's storages list a worker's
 * records only once it has some. Timestamps strictly increase, since storages key records by them (two layers, or
 * two iterations within one millisecond, would otherwise overwrite each other). Not thread-safe: one recorder per
 * training thread.
 */
final class PcLevelsRecorder extends BaseTrainingListener {

    private final StatsStorageRouter storage;
    private final int frequency;
    private final String sessionId;
    private final String workerId;
    private long lastTimestamp;
    private final Set<String> sessionsWithStaticInfo = new HashSet<>();

    /**
     * @param storage   where the records go
     * @param frequency iterations between two records, at least 1
     * @param sessionId session of the records
     * @param workerId  worker of the records
     */
    PcLevelsRecorder(StatsStorageRouter storage, int frequency, String sessionId, String workerId) {
        this.storage = storage;
        this.frequency = frequency;
        this.sessionId = sessionId;
        this.workerId = workerId;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (iteration % frequency != 0) {
            return;
        }
        String session = model instanceof MultiLayerNetwork || model instanceof ComputationGraph
                || !(model instanceof Layer) ? sessionId : sessionId + "_layer" + ((Layer) model).getIndex();
        for (PcStatistics statistics : PcStatistics.collect(model, iteration)) {
            lastTimestamp = Math.max(lastTimestamp + 1, System.currentTimeMillis());
            PcLevelsReport report = PcLevelsReport.of(statistics, session, workerId, lastTimestamp);
            if (sessionsWithStaticInfo.add(session)) {
                storage.putStaticInfo(report);
            }
            storage.putUpdate(report);
        }
    }
}
