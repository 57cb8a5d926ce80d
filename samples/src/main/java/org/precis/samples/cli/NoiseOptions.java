package org.precis.samples.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** One noise setting for every run of an experiment ({@code compare}). */
public class NoiseOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--label-noise", paramLabel = "P", defaultValue = "0",
            description = "Fraction of training labels flipped to a random other class; the test set stays clean "
                    + "(default: ${DEFAULT-VALUE}).")
    double labelNoise;

    @Option(names = "--input-noise", paramLabel = "SIGMA", defaultValue = "0",
            description = "Standard deviation of Gaussian noise added to training and test inputs, not clipped "
                    + "(default: ${DEFAULT-VALUE}).")
    double inputNoise;

    /** Checks both options; throws a picocli usage error naming the option at fault. */
    public void validate() {
        OptionChecks.checkLabelNoise(spec, "--label-noise", labelNoise);
        OptionChecks.checkInputNoise(spec, "--input-noise", inputNoise);
    }

    /** Fraction of training labels flipped. */
    public double labelNoise() {
        return labelNoise;
    }

    /** Standard deviation of the input noise. */
    public double inputNoise() {
        return inputNoise;
    }

    /** The options as recorded in {@code results.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labelNoise", labelNoise);
        m.put("inputNoise", inputNoise);
        return m;
    }
}
