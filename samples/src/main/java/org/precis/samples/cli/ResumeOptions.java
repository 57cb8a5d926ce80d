package org.precis.samples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of experiments that survive interruption ({@code compare}, {@code noise}): continue an interrupted
 * run with {@code --resume DIR}, and checkpoint runs in progress every {@code --checkpoint-every} epochs.
 */
public class ResumeOptions {

    /** Default of {@code --checkpoint-every}: after every epoch. */
    public static final int DEFAULT_CHECKPOINT_EVERY = 1;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the interrupted run whose results are in DIR: runs already finished are kept, "
                    + "the run in progress continues from its last checkpoint. Give the same options as the first "
                    + "time (they are checked); DIR is the output directory (default: start a new run).")
    private Path resume;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "" + DEFAULT_CHECKPOINT_EVERY,
            description = "Save the run in progress (model, updater and K-FAC state, data order, noise state) every "
                    + "N epochs, so that --resume continues it exactly; 0 for never (default: ${DEFAULT-VALUE}).")
    private int checkpointEvery;

    /** Checks both options without touching the disk. */
    public void validate() {
        if (checkpointEvery < 0) {
            throw OptionChecks.invalid(spec, "--checkpoint-every", checkpointEvery, "must be 0 (never) or positive");
        }
        if (resume != null && resume.toString().isBlank()) {
            throw OptionChecks.invalid(spec, "--resume", "''", "an empty name; give the run's directory");
        }
    }

    /** The directory to resume, or null. */
    public Path resume() {
        return resume;
    }

    /** Epochs between checkpoints; 0 for none. */
    public int checkpointEvery() {
        return checkpointEvery;
    }
}
