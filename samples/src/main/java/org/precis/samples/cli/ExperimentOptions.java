package org.precis.samples.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.precis.data.TrainTestData;
import org.precis.samples.arms.Architecture;
import org.precis.samples.experiment.TrainingBudget;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Architecture, budget, seeds and output directory of an experiment. */
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
            description = "Hidden dense layer sizes, bottom first (default: ${DEFAULT-VALUE}; 256 with --arch conv).")
    int[] hidden;

    @Option(names = "--arch", paramLabel = "mlp|conv", defaultValue = "mlp",
            description = "Architecture: mlp (fully connected) or conv (3x3 convolutions to 32 and 64 channels, each "
                    + "max-pooled 2x2, before the dense layers; square grayscale images; default arms bp-adam-conv,"
                    + "kfac-conv,pc-conv) (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--seeds", paramLabel = "SEEDS", split = ",",
            description = "One run per seed; a seed fixes weights, data order and noise (default: 1 for compare, "
                    + "1,2,3 for noise).")
    List<Long> seeds;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (default: results/<subcommand>-<timestamp>).")
    Path out;

    /** Checks every option; throws a picocli usage error naming the option at fault. */
    public void validate() {
        architecture();
        if (epochs <= 0) {
            fail("--epochs", epochs, "must be positive");
        }
        if (batch <= 0) {
            fail("--batch", batch, "must be positive");
        }
        if (Arrays.stream(hidden).anyMatch(h -> h <= 0)) {
            fail("--hidden", Arrays.toString(hidden), "sizes must be positive");
        }
        if (seeds != null && (seeds.isEmpty() || seeds.size() != seeds.stream().distinct().count())) {
            fail("--seeds", seeds, "needs at least one seed and no repeats");
        }
    }

    private void fail(String option, Object value, String why) {
        throw OptionChecks.invalid(spec, option, value, why);
    }

    /** The budget for this data: its input width and class count, the architecture, epochs and batch size. */
    public TrainingBudget budget(TrainTestData data) {
        try {
            return new TrainingBudget(architecture().shape(data.numFeatures(), hidden(), data.numClasses()), epochs,
                    batch);
        } catch (IllegalArgumentException e) {
            throw OptionChecks.invalid(spec, "--arch", arch, e.getMessage());
        }
    }

    /** The architecture of {@code --arch}; throws a usage error for an unknown one. */
    public Architecture architecture() {
        return switch (arch.toLowerCase(java.util.Locale.ROOT)) {
            case "mlp" -> Architecture.MLP;
            case "conv" -> Architecture.CONV;
            default -> {
                fail("--arch", arch, "expected mlp or conv");
                yield null;
            }
        };
    }

    /** The output directory: {@code --out}, or {@code results/<subcommand>-<timestamp>}. */
    public Path outputDirectory(String subcommand) {
        return outputDirectory(out, subcommand);
    }

    /** The value of {@code --out}, or null when it was not given. */
    public Path outputOption() {
        return out;
    }

    /**
     * The checked output directory of a subcommand that cannot resume: {@code --out} (or the default), created,
     * writable and empty, so that no earlier results are overwritten; checked before any data is read.
     *
     * @throws picocli.CommandLine.ParameterException naming {@code --out} and what is wrong
     */
    public Path prepareOutputDirectory(String subcommand) {
        return prepareOutputDirectory(spec, out, subcommand);
    }

    /**
     * The checked output directory rule of {@link #prepareOutputDirectory(String)}, for subcommands without this
     * mixin.
     *
     * @param out the {@code --out} value, or null for the default
     */
    public static Path prepareOutputDirectory(CommandSpec spec, Path out, String subcommand) {
        return OutputDirectory.prepareEmpty(spec, "--out", outputDirectory(out, subcommand),
                "choose a new directory, or remove its files");
    }

    /**
     * The output-directory rule of every subcommand, for those without this mixin.
     *
     * @param out the {@code --out} value, or null
     * @return {@code out}, else {@code results/<subcommand>-<yyyyMMdd-HHmmss>}
     */
    public static Path outputDirectory(Path out, String subcommand) {
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
        m.put("hidden", hidden());
        m.put("arch", arch);
        m.put("seeds", seeds);
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

    /** Hidden dense layer sizes, bottom first (a copy): {@code --hidden}, or 256 with {@code --arch conv}. */
    public int[] hidden() {
        boolean given = spec != null && spec.commandLine() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--hidden");
        if (!given && "conv".equalsIgnoreCase(arch)) {
            return new int[] {Architecture.DEFAULT_CONV_HIDDEN};
        }
        return hidden.clone();
    }

    /** Run seeds in order: those given with {@code --seeds}, else {@code defaults}. */
    public List<Long> seeds(List<Long> defaults) {
        return List.copyOf(seeds != null ? seeds : defaults);
    }

    /** Overrides the number of epochs (for presets such as {@code --quick}). */
    public void setEpochs(int epochs) {
        this.epochs = epochs;
    }

    /** Whether {@code --hidden} was given on the command line. */
    public boolean hiddenGiven() {
        return spec.commandLine().getParseResult().hasMatchedOption("--hidden");
    }

    /** Whether {@code --epochs} was given on the command line. */
    public boolean epochsGiven() {
        return spec.commandLine().getParseResult().hasMatchedOption("--epochs");
    }

    /** Overrides the seeds (for presets such as {@code --quick}). */
    public void setSeeds(List<Long> seeds) {
        this.seeds = List.copyOf(seeds);
    }
}
