package org.precis.spark.cli;

import org.precis.samples.PrecisCli;
import picocli.CommandLine;

/**
 * Entry point of {@code precis-spark.jar}: {@code samples}' experiment program with the {@code spark-compare}
 * subcommand added. Run {@code spark-compare --help} with Spark on the class path (the command and Spark's
 * Java 17 flags on the command line: see {@code site/src/docs/scale-out.md}), or submit it with
 * {@code spark-submit --class org.precis.spark.cli.PrecisSparkCli}.
 */
public final class PrecisSparkCli {

    private PrecisSparkCli() {
    }

    /** @return the samples command line with {@code spark-compare} added; tests call {@code execute} on it */
    public static CommandLine commandLine() {
        CommandLine cmd = PrecisCli.commandLine();
        cmd.addSubcommand("spark-compare", new SparkCompareCommand());
        return cmd;
    }

    /** Runs the program and exits with its status. */
    public static void main(String[] args) {
        PrecisCli.launch(commandLine(), args);
    }
}
