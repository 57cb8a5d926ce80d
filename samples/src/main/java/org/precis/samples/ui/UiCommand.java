package org.precis.samples.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.precis.samples.cli.OptionChecks;
import org.precis.ui.TrainingUi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ui FILE}: serves a statistics file written by {@code --stats} in DL4J's training UI until stopped. */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = "Open a training statistics file written with --stats in DL4J's training UI "
                + "(/train for DL4J's pages, /pc for the per-level energy and precision of PC arms); serves until "
                + "the program is stopped (Ctrl-C).")
public final class UiCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The statistics file (a DL4J FileStatsStorage).")
    private Path file;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + TrainingUi.DEFAULT_PORT,
            description = "TCP port of the UI server (default: ${DEFAULT-VALUE}; 0 picks a free port).")
    private int port;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw OptionChecks.invalid(spec, "FILE", file, "is not a file; write one with compare --stats FILE");
        }
        if (port < 0 || port > 65_535) {
            throw OptionChecks.invalid(spec, "--port", port, "must be a TCP port in [0, 65535]");
        }
        StatsStorage storage = new FileStatsStorage(file.toFile());
        try {
            UIServer server = TrainingUi.serve(storage, port);
            System.out.printf("%d session(s) of %s at %s%s and %s%s; stop with Ctrl-C%n",
                    storage.listSessionIDs().size(), file, server.getAddress(), TrainingUi.TRAIN_PAGE,
                    server.getAddress(), TrainingUi.PC_PAGE);
            System.out.flush();
            stopped.await();
            return 0;
        } finally {
            UIServer.stopInstance();
            storage.close();
        }
    }

    /** Ends {@link #call()} (the program's own stop is Ctrl-C); for tests. */
    void stop() {
        stopped.countDown();
    }
}
