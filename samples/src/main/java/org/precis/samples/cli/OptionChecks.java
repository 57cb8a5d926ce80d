package org.precis.samples.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The one shape of every "bad option" message, so that users and tests see the option named the same way. */
public final class OptionChecks {

    private OptionChecks() {
    }

    /**
     * A picocli usage error (exit status 2) naming the option, the value and why it is refused.
     *
     * @param spec   the command (or mixin's command) the option belongs to
     * @param option the option as typed, e.g. {@code --epochs}
     * @param value  the refused value
     * @param why    the rule it breaks
     */
    public static ParameterException invalid(CommandSpec spec, String option, Object value, String why) {
        return new ParameterException(spec.commandLine(),
                "Invalid value for option '" + option + "': " + value + " (" + why + ")");
    }

    /** Checks a label-noise fraction: in [0, 1). */
    public static void checkLabelNoise(CommandSpec spec, String option, double p) {
        if (!(p >= 0 && p < 1)) {
            throw invalid(spec, option, p, "must be in [0, 1)");
        }
    }

    /** Checks an input-noise standard deviation: finite and at least 0. */
    public static void checkInputNoise(CommandSpec spec, String option, double sigma) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw invalid(spec, option, sigma, "must be a finite number >= 0");
        }
    }
}
