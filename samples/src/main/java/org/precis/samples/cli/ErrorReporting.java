package org.precis.samples.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.precis.data.DataUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How the program reports errors, through picocli's own handlers: a bad option is one line naming it and a hint
 * (not the whole usage); a failure during a run is its message, naming the file, row, column or layer at fault,
 * with a stack trace only for errors that are not the input's fault or with {@code --verbose}.
 */
public final class ErrorReporting {

    /** Exit status when data is missing or an experiment fails. */
    public static final int EXIT_FAILURE = 1;
    /** The option that asks for stack traces. */
    public static final String VERBOSE = "--verbose";

    private ErrorReporting() {
    }

    /** Installs both handlers on a command line. */
    public static CommandLine install(CommandLine cmd) {
        return cmd.setParameterExceptionHandler(new ShortUsageError()).setExecutionExceptionHandler(new Failure());
    }

    /** One line with the error, picocli's suggestions for a mistyped option, and where to find the options. */
    static final class ShortUsageError implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            String name = cmd.getCommandSpec().qualifiedName();
            err.println(name + ": " + ex.getMessage());
            UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + name + " --help' for the options.");
            err.flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        }
    }

    /** The failure's message; the stack trace when the error is not the input's, or with {@code --verbose}. */
    static final class Failure implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
            PrintWriter err = cmd.getErr();
            String name = cmd.getCommandSpec().qualifiedName();
            Throwable cause = e instanceof RunFailedException && e.getCause() != null ? e.getCause() : e;
            boolean inputError = isInputError(cause);
            err.println(name + ": " + (inputError ? cause.getMessage() : "failed: " + cause));
            if (!inputError || verbose(cmd)) {
                cause.printStackTrace(err);
            }
            if (e instanceof RunFailedException) {
                err.println(e.getMessage());
            }
            if (inputError && !verbose(cmd)) {
                err.println("(" + VERBOSE + " shows the stack trace)");
            }
            err.flush();
            return EXIT_FAILURE;
        }

        /** Errors whose message names what is wrong with the user's data or files. */
        private static boolean isInputError(Throwable t) {
            return t instanceof DataUnavailableException || t instanceof DL4JInvalidInputException
                    || t instanceof UncheckedIOException;
        }

        private static boolean verbose(CommandLine cmd) {
            return cmd.getCommandSpec().root().commandLine().getParseResult().originalArgs().contains(VERBOSE);
        }
    }
}
