package org.precis.samples.ui;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.precis.samples.experiment.NoiseSetting;
import org.precis.samples.experiment.RunListeners;
import org.precis.ui.TrainingUi;

/**
 * Records every run of one experiment for DL4J's training UI, each under its own session named after the run
 * ({@code pc-precision seed 1, label noise 0.40, input noise 0.00}), into a file ({@code --stats}) or memory, and
 * serves the UI while the experiment runs ({@code --ui}). Closing it stops the server and closes the file, so that
 * the file is complete.
 *
 * <p>Without {@code --ui} and {@code --stats} it records nothing and adds no listener: DL4J's {@code StatsListener}
 * computes histograms and standard deviations of every parameter, gradient and update, which took a fifth of a
 * {@code bp-sgd} epoch's training time while nobody could see the result.
 */
public final class TrainingUiRecorder implements RunListeners, AutoCloseable {

    private final StatsStorage storage;
    private final UIServer server;
    private final int frequency;

    private TrainingUiRecorder(StatsStorage storage, UIServer server, int frequency) {
        this.storage = storage;
        this.server = server;
        this.frequency = frequency;
    }

    /**
     * @param port      port of the UI server, or null not to serve
     * @param statsFile file to keep the statistics in, or null for memory only
     * @param frequency iterations between two records
     * @param out       where the UI's address and the file's path are announced
     * @return the recorder
     */
    static TrainingUiRecorder open(Integer port, Path statsFile, int frequency, PrintStream out) {
        if (port == null && statsFile == null) {
            return new TrainingUiRecorder(null, null, frequency);
        }
        StatsStorage storage = statsFile == null ? new InMemoryStatsStorage() : openFile(statsFile);
        UIServer server = null;
        if (port != null) {
            server = TrainingUi.serve(storage, port);
            out.printf("Training UI: %s%s (DL4J) and %s%s (PC levels), while the experiment runs%n",
                    server.getAddress(), TrainingUi.TRAIN_PAGE, server.getAddress(), TrainingUi.PC_PAGE);
        }
        if (statsFile != null) {
            out.printf("Training statistics: %s (open later with: ui %s)%n", statsFile.toAbsolutePath(), statsFile);
        }
        return new TrainingUiRecorder(storage, server, frequency);
    }

    /** Opens (or continues) a statistics file, saying so when it is not one DL4J can read. */
    private static StatsStorage openFile(Path statsFile) {
        try {
            return new FileStatsStorage(statsFile.toFile());
        } catch (RuntimeException e) {
            throw new UnreadableStatsException("cannot be opened as DL4J training statistics (" + e.getMessage()
                    + ")", e);
        }
    }

    @Override
    public List<TrainingListener> forRun(String arm, long seed, NoiseSetting noise) {
        if (storage == null) {
            return List.of();
        }
        return TrainingUi.listeners(storage, frequency, sessionName(arm, seed, noise));
    }

    /**
     * @return the session of one run: its arm, seed and noise, readable in the UI's session list
     */
    static String sessionName(String arm, long seed, NoiseSetting noise) {
        return String.format(Locale.ROOT, "%s seed %d, label noise %.2f, input noise %.2f", arm, seed,
                noise.labelNoise(), noise.inputNoise());
    }

    /** @return the storage the runs are recorded in, or null when neither {@code --ui} nor {@code --stats} asked */
    StatsStorage storage() {
        return storage;
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                UIServer.stopInstance();
            }
            if (storage != null) {
                storage.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the training statistics", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the training UI: " + e.getMessage(), e);
        }
    }

    /** A {@code --stats} file that exists but is not DL4J training statistics (or is damaged). */
    static final class UnreadableStatsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableStatsException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
