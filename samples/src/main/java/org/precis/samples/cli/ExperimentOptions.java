package org.precis.samples.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Architecture, budget, seeds, noise and output directory of an experiment. */
public class ExperimentOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10",
            description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128",
            description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--hidden", paramLabel = "SIZES", split = ",", defaultValue = "256,256",
            description = "Hidden layer sizes, bottom first (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--seeds", paramLabel = "SEEDS", split = ",", defaultValue = "1",
            description = "One run per seed; a seed fixes weights, data order and noise (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--label-noise", paramLabel = "P", defaultValue = "0",
            description = "Fraction of training labels flipped to a random other class; the test set stays clean "
                    + "(default: ${DEFAULT-VALUE}).")
    double labelNoise;

    @Option(names = "--input-noise", paramLabel = "SIGMA", defaultValue = "0",
            description = "Standard deviation of Gaussian noise added to training and test inputs, not clipped "
                    + "(default: ${DEFAULT-VALUE}).")
    double inputNoise;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (default: results/<subcommand>-<timestamp>).")
    Path out;

    /** Checks every option; throws a picocli usage error naming the option at fault. */
    public void validate() {
        if (epochs <= 0) {
            fail("--epochs", epochs, "must be positive");
        }
        if (batch <= 0) {
            fail("--batch", batch, "must be positive");
        }
        if (Arrays.stream(hidden).anyMatch(h -> h <= 0)) {
            fail("--hidden", Arrays.toString(hidden), "sizes must be positive");
        }
        if (seeds.isEmpty() || seeds.size() != seeds.stream().distinct().count()) {
            fail("--seeds", seeds, "needs at least one seed and no repeats");
        }
        if (!(labelNoise >= 0 && labelNoise < 1)) {
            fail("--label-noise", labelNoise, "must be in [0, 1)");
        }
        if (!(inputNoise >= 0) || Double.isInfinite(inputNoise)) {
            fail("--input-noise", inputNoise, "must be a finite number >= 0");
        }
    }

    private void fail(String option, Object value, String why) {
        throw new ParameterException(spec.commandLine(),
                "Invalid value for option '" + option + "': " + value + " (" + why + ")");
    }

    /** The output directory: {@code --out}, or {@code results/<subcommand>-<timestamp>}. */
    public Path outputDirectory(String subcommand) {
        if (out != null) {
            return out;
        }
        return Path.of("results", subcommand + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    /** The options as recorded in {@code results.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("batch", batch);
        m.put("hidden", hidden);
        m.put("seeds", seeds);
        m.put("labelNoise", labelNoise);
        m.put("inputNoise", inputNoise);
        return m;
    }

    /** Passes over the training data. */
    public int epochs() {
        return epochs;
    }

    /** Training batch size. */
    public int batch() {
        return batch;
    }

    /** Hidden layer sizes, bottom first (a copy). */
    public int[] hidden() {
        return hidden.clone();
    }

    /** Run seeds, in order. */
    public List<Long> seeds() {
        return List.copyOf(seeds);
    }

    /** Fraction of training labels flipped. */
    public double labelNoise() {
        return labelNoise;
    }

    /** Standard deviation of the input noise. */
    public double inputNoise() {
        return inputNoise;
    }
}
