package org.precis.samples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.precis.samples.experiment.RunCheckpoints;
import org.precis.samples.report.ResultsStore;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The output directory of a {@code compare} or {@code noise} experiment, new ({@code --out}) or resumed
 * ({@code --resume}): its results kept up to date run by run, the checkpoints of the run in progress in
 * {@value #CHECKPOINTS}, and, while it is open, a note on interruption (SIGTERM, Ctrl-C) saying what is saved and
 * the command that continues it.
 */
public final class RunDirectory implements AutoCloseable {

    /** Subdirectory of the checkpoints of runs in progress. */
    public static final String CHECKPOINTS = "checkpoints";

    private final Path directory;
    private final ResultsStore store;
    private final RunCheckpoints checkpoints;
    private final Thread interruptNotice;

    private final String resumeCommand;
    private final boolean checkpointing;

    private RunDirectory(Path directory, ResultsStore store, RunCheckpoints checkpoints, boolean checkpointing,
            String resumeCommand) {
        this.directory = directory;
        this.store = store;
        this.checkpoints = checkpoints;
        this.checkpointing = checkpointing;
        this.resumeCommand = resumeCommand;
        this.interruptNotice = new Thread(() -> System.err.printf("%nprecis: interrupted. %s%n", savedNote()),
                "precis-interrupt-notice");
        Runtime.getRuntime().addShutdownHook(interruptNotice);
    }

    /** What is saved and how to continue, for messages on interruption or failure. */
    public String savedNote() {
        return String.format("%d of %d runs are finished and saved in %s; %s. Continue with:%n  %s",
                store.runsFinished(), store.runsPlanned(), directory.toAbsolutePath().resolve("results.json"),
                checkpointing ? "the run in progress continues from its last checkpoint, if it reached one"
                        : "the run in progress starts over (no checkpoints)", resumeCommand);
    }

    /**
     * Runs the experiment; a failure is rethrown with {@link #savedNote()} attached, so the user learns that the
     * finished runs are kept and how to continue.
     */
    public <T> T guard(java.util.function.Supplier<T> experiment) {
        try {
            return experiment.get();
        } catch (RuntimeException e) {
            throw new RunFailedException(savedNote(), e);
        }
    }

    /**
     * Chooses and checks the output directory before any data is read: {@code --resume DIR} (which may not exist
     * yet, or hold a run to continue), else {@code --out} or the default, which must be new or empty.
     *
     * @throws ParameterException naming the option when the directory cannot be used
     */
    public static Path choose(CommandSpec spec, ExperimentOptions experiment, ResumeOptions resume) {
        Path out = experiment.outputOption();
        if (resume.resume() == null) {
            return OutputDirectory.prepareEmpty(spec, "--out", experiment.outputDirectory(spec.name()),
                    "choose a new directory, or continue that run with --resume");
        }
        Path dir = resume.resume();
        if (out != null && !out.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
            throw OptionChecks.invalid(spec, "--out", out, "--resume names another directory, " + dir
                    + "; --resume DIR is the output directory");
        }
        OutputDirectory.prepare(spec, "--resume", dir);
        removeLeftovers(dir);
        removeLeftovers(dir.resolve(CHECKPOINTS));
        if (!ResultsStore.exists(dir) && !OutputDirectory.isEmpty(spec, "--resume", dir)) {
            throw OptionChecks.invalid(spec, "--resume", dir, "it holds files but no results.json of a run");
        }
        return dir;
    }

    /**
     * Opens the results of the experiment about to run: continues those in {@code dir} when it holds some (after
     * checking the configuration is the same), else starts new ones.
     *
     * @param checkpointEvery epochs between checkpoints (0 for none)
     * @throws ParameterException naming {@code --resume} and every option that differs from the saved run's
     */
    public static RunDirectory open(CommandSpec spec, Path dir, int checkpointEvery, Map<String, Object> configuration,
            Map<String, Object> armDetails, int runsPlanned) throws IOException {
        List<String> args = originalArgs(spec);
        ResultsStore store;
        if (ResultsStore.exists(dir)) {
            try {
                store = ResultsStore.resume(dir, spec.name(), configuration, armDetails, runsPlanned);
            } catch (IllegalArgumentException e) {
                throw OptionChecks.invalid(spec, "--resume", dir, e.getMessage());
            }
        } else {
            if (resuming(args)) {
                System.err.println("precis: " + dir + " holds no run yet; starting one there");
            }
            store = ResultsStore.create(dir, spec.name(), configuration, armDetails, runsPlanned, args);
        }
        return new RunDirectory(dir, store, new RunCheckpoints(dir.resolve(CHECKPOINTS), checkpointEvery),
                checkpointEvery > 0, resumeCommand(args, dir));
    }

    /** The results, kept up to date run by run. */
    public ResultsStore store() {
        return store;
    }

    /** Checkpoints of the runs in progress. */
    public RunCheckpoints checkpoints() {
        return checkpoints;
    }

    /** The directory. */
    public Path directory() {
        return directory;
    }

    /** Ends the interruption note (the experiment is complete, or failed with its own message). */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(interruptNotice);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting already: the note prints, which is right, since the experiment did not end.
        }
    }

    /**
     * Deletes the temporary files a killed run can leave (a file being written atomically, a write check), which
     * never hold anything finished: the files they were to become are whole or absent.
     */
    private static void removeLeftovers(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && (name.endsWith(".part") || name.startsWith(".precis-write-check"))) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            System.err.println("precis: cannot tidy " + dir + ": " + e.getMessage());
        }
    }

    private static List<String> originalArgs(CommandSpec spec) {
        return List.copyOf(spec.root().commandLine().getParseResult().originalArgs());
    }

    private static boolean resuming(List<String> args) {
        return args.stream().anyMatch(a -> a.equals("--resume") || a.startsWith("--resume="));
    }

    /** The same command with {@code --resume dir} in place of {@code --out} and {@code --resume}. */
    static String resumeCommand(List<String> args, Path dir) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--out") || a.equals("--resume")) {
                i++;
            } else if (!a.startsWith("--out=") && !a.startsWith("--resume=")) {
                kept.add(a);
            }
        }
        kept.add("--resume");
        kept.add(dir.toString());
        StringBuilder s = new StringBuilder("java -jar precis-samples.jar");
        for (String a : kept) {
            s.append(' ').append(a.matches("[A-Za-z0-9_./:,=@+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return s.toString();
    }
}
