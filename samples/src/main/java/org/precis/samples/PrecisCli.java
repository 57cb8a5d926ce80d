package org.precis.samples;

import org.precis.samples.autoencode.AutoencodeCommand;
import org.precis.samples.cli.ErrorReporting;
import org.precis.samples.natgrad.DeepAutoencoderCommand;
import org.precis.samples.search.SearchCommand;
import org.precis.samples.ui.UiCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Precis experiment program. Run {@code java -jar samples/target/precis-samples.jar --help}.
 *
 * <p>Exit status: 0 on success, 2 for bad options (one line naming the option), 1 when data is missing or an
 * experiment fails (with a message naming the cause; see {@link ErrorReporting}). Set {@code OMP_NUM_THREADS=1} on
 * small machines: ND4J's OpenMP and OpenBLAS threads otherwise contend and training runs several times slower.
 */
@Command(name = "precis", mixinStandardHelpOptions = true, versionProvider = PrecisCli.Version.class,
        description = "Precis experiments: predictive coding and natural gradients on DL4J.",
        subcommands = {CompareCommand.class, NoiseCommand.class, SearchCommand.class,
                DeepAutoencoderCommand.class, AutoencodeCommand.class, UiCommand.class})
public final class PrecisCli implements Runnable {

    /** Exit status when data is missing or an experiment fails. */
    public static final int EXIT_FAILURE = ErrorReporting.EXIT_FAILURE;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = ErrorReporting.VERBOSE, scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of an error, not only its message (default: off).")
    private boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (try 'compare')");
    }

    /** A command line configured with this program's error handling; tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        return ErrorReporting.install(new CommandLine(new PrecisCli()));
    }

    /** Entry point of {@code precis-samples.jar}. */
    public static void main(String[] args) {
        launch(commandLine(), args);
    }

    /**
     * Runs {@code cmd} as a program's entry point (this one's, or one that adds subcommands to
     * {@link #commandLine()}): headless AWT, a note when {@code OMP_NUM_THREADS} is unset, exit with its status.
     */
    public static void launch(CommandLine cmd, String[] args) {
        System.setProperty("java.awt.headless", "true");
        if (System.getenv("OMP_NUM_THREADS") == null) {
            System.err.println("precis: note: OMP_NUM_THREADS is not set; on machines with few cores set "
                    + "OMP_NUM_THREADS=1 (ND4J's threads otherwise contend and training slows several-fold)");
        }
        System.exit(cmd.execute(args));
    }

    /** Reports the Precis and DL4J versions. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            var v = org.precis.samples.report.RunEnvironment.versions();
            return new String[] {"precis " + v.get("precis") + " (DL4J " + v.get("deeplearning4j") + ")"};
        }
    }
}
