package org.precis.samples.ui;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.exception.DL4JException;
import org.precis.samples.cli.OptionChecks;
import org.precis.samples.ui.TrainingUiRecorder.UnreadableStatsException;
import org.precis.ui.TrainingUi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The training UI options of {@code compare} and {@code noise}: serve DL4J's UI while the experiment runs, keep the
 * statistics in a file, and how often to record them.
 */
public final class TrainingUiOptions {

    /** Iterations between two records when {@code --stats-every} is not given. */
    public static final int DEFAULT_STATS_EVERY = 10;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--ui", arity = "0..1", paramLabel = "PORT", fallbackValue = "" + TrainingUi.DEFAULT_PORT,
            description = "Serve DL4J's training UI while the experiment runs: /train for DL4J's pages, /pc for the "
                    + "per-level energy and precision of PC arms; one session per run (default port when given "
                    + "without a value: ${FALLBACK-VALUE}; 0 picks a free port).")
    private Integer port;

    @Option(names = "--stats", paramLabel = "FILE",
            description = "Also write the training statistics to FILE (a DL4J FileStatsStorage), to open later with "
                    + "'ui FILE'; a new file, except with --resume, which continues the interrupted experiment's "
                    + "(default: not written).")
    private Path statsFile;

    @Option(names = "--stats-every", paramLabel = "N", defaultValue = "" + DEFAULT_STATS_EVERY,
            description = "With --ui or --stats: iterations between two records (default: ${DEFAULT-VALUE}).")
    private int statsEvery;

    /**
     * Checks the options before any training time is spent.
     *
     * @param resuming whether the experiment continues an interrupted one ({@code --resume}): then an existing
     *                 {@code --stats} file is the earlier part's statistics, and is continued
     * @throws picocli.CommandLine.ParameterException naming the option at fault
     */
    public void validate(boolean resuming) {
        if (port != null && (port < 0 || port > 65_535)) {
            throw OptionChecks.invalid(spec, "--ui", port, "must be a TCP port in [0, 65535]");
        }
        if (statsEvery < 1) {
            throw OptionChecks.invalid(spec, "--stats-every", statsEvery, "must be >= 1");
        }
        if (statsFile != null) {
            Path parent = statsFile.toAbsolutePath().getParent();
            if (Files.isDirectory(statsFile)) {
                throw OptionChecks.invalid(spec, "--stats", statsFile, "is a directory; name a file");
            }
            if (parent == null || !Files.isDirectory(parent)) {
                throw OptionChecks.invalid(spec, "--stats", statsFile, "its directory does not exist");
            }
            if (Files.exists(statsFile) && !resuming) {
                throw OptionChecks.invalid(spec, "--stats", statsFile,
                        "exists already; name a new file so that no earlier statistics are mixed in (with --resume, the "
                                + "interrupted experiment's file is continued)");
            }
        }
    }

    /** @return whether either option asks for the training UI's records */
    public boolean enabled() {
        return port != null || statsFile != null;
    }

    /**
     * Starts recording (and serving, with {@code --ui}) for one experiment.
     *
     * @param out where to say where the UI is and where the statistics go
     * @return the recorder; close it when the experiment ends
     * @throws picocli.CommandLine.ParameterException naming {@code --ui} when the port cannot be served
     */
    public TrainingUiRecorder open(PrintStream out) {
        try {
            return TrainingUiRecorder.open(port, statsFile, statsEvery, out);
        } catch (UnreadableStatsException e) {
            throw OptionChecks.invalid(spec, "--stats", statsFile, e.getMessage() + "; name a new file");
        } catch (DL4JException e) {
            throw OptionChecks.invalid(spec, "--ui", port, "cannot serve the training UI there: "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage())
                    + "; choose another port with --ui=PORT, or 0 for a free one");
        }
    }

}
