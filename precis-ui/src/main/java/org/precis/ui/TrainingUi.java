package org.precis.ui;

import java.util.List;
import java.util.UUID;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.exception.DL4JException;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.stats.StatsListener;

/**
 * DL4J's training UI for Precis networks in two calls: {@link #addListeners} records DL4J's own statistics
 * ({@link StatsListener}: score, parameters, updates, learning rates; for a PC layer its precisions too, as the
 * log-variance parameters {@code s<l>} or the running moments {@code v<l>}) and, for every predictive-coding layer,
 * per-level energy and precision ({@link PcLevelsReport}), both under one session; {@link #serve} starts DL4J's UI
 * server, where {@code /train} shows the first and {@code /pc} ({@link PcUiModule}) the second.
 *
 * <pre>{@code
 * StatsStorage storage = new InMemoryStatsStorage();     // or new FileStatsStorage(file), to open later
 * TrainingUi.addListeners(net, storage);
 * UIServer ui = TrainingUi.serve(storage, 9000);         // http://localhost:9000/train and /pc
 * net.fit(train, epochs);
 * }</pre>
 *
 * Works for networks without PC layers too (K-FAC, backpropagation): they get DL4J's statistics only. While DL4J
 * pretrains a layer ({@code net.pretrain}), both listeners record under the session {@code <session>_layer<index>},
 * DL4J's own rule.
 */
public final class TrainingUi {

    /** Default iterations between two records: DL4J's {@code StatsListener} default. */
    public static final int DEFAULT_FREQUENCY = 1;
    /** Port of DL4J's UI server by default. */
    public static final int DEFAULT_PORT = VertxUIServer.DEFAULT_UI_PORT;
    /** Path of the predictive-coding page on the UI server. */
    public static final String PC_PAGE = PcUiModule.PAGE;
    /** Path of DL4J's own training overview on the UI server. */
    public static final String TRAIN_PAGE = "/train/overview";

    private TrainingUi() {
    }

    /**
     * Records DL4J's statistics and per-level PC statistics of every iteration under a new session.
     *
     * @param model   the network (not modified apart from its listeners)
     * @param storage where the records go
     * @return the session ID of the records
     */
    public static String addListeners(Model model, StatsStorageRouter storage) {
        String sessionId = UUID.randomUUID().toString();
        model.addListeners(listeners(storage, DEFAULT_FREQUENCY, sessionId).toArray(new TrainingListener[0]));
        return sessionId;
    }

    /**
     * The two listeners {@link #addListeners(Model, StatsStorageRouter)} adds, for a network that takes its listeners
     * elsewhere (a harness, {@code setListeners}).
     *
     * @param storage   where the records go
     * @param frequency iterations between two records, at least 1
     * @param sessionId session of the records (the UI lists sessions by it)
     * @return DL4J's {@link StatsListener} and a listener that stores a {@link PcLevelsReport} of every PC layer
     */
    public static List<TrainingListener> listeners(StatsStorageRouter storage, int frequency, String sessionId) {
        if (frequency < 1) {
            throw new IllegalArgumentException("TrainingUi: frequency must be >= 1, got " + frequency);
        }
        String workerId = "precis-" + UUID.randomUUID();
        return List.of(new StatsListener(storage, frequency, sessionId),
                new PcLevelsRecorder(storage, frequency, sessionId, workerId));
    }

    /**
     * Starts DL4J's UI server (once per JVM) and shows {@code storage} in it.
     *
     * @param storage the records to show (more can arrive while it runs)
     * @param port    TCP port; 0 picks a free one. Ignored if the server is already running
     * @return the server; {@link UIServer#getAddress()} gives its address
     * @throws DL4JException if the server cannot listen on {@code port} (in use, not permitted)
     */
    public static UIServer serve(StatsStorage storage, int port) {
        UIServer server;
        try {
            server = VertxUIServer.getInstance(port, false, null);
        } catch (DL4JException e) {
            // DL4J keeps the instance that failed to listen as "running"; forget it, so a later call can start anew.
            stopQuietly();
            throw e;
        }
        server.attach(storage);
        return server;
    }

    private static void stopQuietly() {
        try {
            VertxUIServer.stopInstance();
        } catch (Exception ignored) {
            // The server never started; there is nothing more to release.
        }
    }
}
