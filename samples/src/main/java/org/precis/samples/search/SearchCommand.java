package org.precis.samples.search;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.precis.arbiter.data.SplitDataSource;
import org.precis.arbiter.data.ValidationSplit;
import org.precis.data.TrainTestData;
import org.precis.samples.cli.DataOptions;
import org.precis.samples.cli.ExperimentOptions;
import org.precis.samples.cli.OptionChecks;
import org.precis.samples.experiment.TrainingBudget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code search}: an Arbiter hyperparameter search for one arm. Candidates train on a training part of the
 * training data and are ranked by accuracy on the held-out validation part; the test set is never read. Writes
 * the ranked candidates ({@code results.json}, {@code candidates.csv}, {@code index.html}), the best
 * configuration ({@code best-config.json}, for {@code compare --arm-config}) and the best trained network
 * ({@code best-model.zip}). The searched ranges are those of {@link SearchSpaces}.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search the hyperparameters of one arm with Arbiter (random or grid) on a validation split "
                + "of the training data, and save the ranked candidates and the best configuration.")
public final class SearchCommand implements Callable<Integer> {

    /** Seed when {@code --seeds} is not given. */
    static final long DEFAULT_SEED = 1L;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions dataOptions;

    @Mixin
    private ExperimentOptions experiment;

    @Option(names = "--arm", paramLabel = "ARM", required = true, completionCandidates = SearchableArms.class,
            description = "The arm to tune (required). Valid: ${COMPLETION-CANDIDATES}.")
    private String arm;

    @Option(names = "--candidates", paramLabel = "N", defaultValue = "20",
            description = "Candidates to train, each for --epochs epochs (default: ${DEFAULT-VALUE}).")
    private int candidates;

    @Option(names = "--strategy", paramLabel = "random|grid", defaultValue = "random",
            description = "random: independent draws in every dimension; grid: Arbiter's grid walked in order, "
                    + "at most --candidates of it (default: ${DEFAULT-VALUE}).")
    private String strategy;

    @Option(names = "--grid-points", paramLabel = "N", defaultValue = "3",
            description = "Grid only: values tried per continuous dimension, at most this many per integer one "
                    + "(default: ${DEFAULT-VALUE}).")
    private int gridPoints;

    @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Share of the training examples held out to score candidates, in (0, 1) "
                    + "(default: ${DEFAULT-VALUE}).")
    private double validationFraction;

    /** The arm names {@code --arm} accepts, for picocli's help text. */
    static final class SearchableArms implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return SearchSpaces.ARMS.iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        ArbiterSearch.Strategy chosen = validate();
        Path outDir = experiment.prepareOutputDirectory(spec.name());
        long seed = experiment.seeds(List.of(DEFAULT_SEED)).get(0);

        TrainTestData data = dataOptions.load(seed);
        TrainingBudget budget = experiment.budget(data);
        ValidationSplit split = ValidationSplit.of(data.train(), validationFraction, seed);
        int trainExamples = split.train().numExamples();
        MultiLayerSpace space;
        try {
            space = SearchSpaces.forArm(arm, budget.shape(), budget.epochs(), seed);
        } catch (IllegalArgumentException e) {
            throw OptionChecks.invalid(spec, "--arch", budget.shape(), e.getMessage());
        }
        System.err.printf(Locale.ROOT, "%s: %d training, %d validation examples (test set not used); %s; arm %s; "
                + "%s search, %d candidates x %d epochs%n", data.name(), trainExamples,
                split.validation().numExamples(), budget.shape(), arm, strategy, candidates, budget.epochs());

        long start = System.nanoTime();
        ArbiterSearch.Outcome outcome;
        try (SplitDataSource.Registration registration = SplitDataSource.register(split, budget.batchSize(), seed)) {
            outcome = new ArbiterSearch(space, registration, budget.batchesPerEpoch(trainExamples), budget.epochs())
                    .run(chosen, candidates, gridPoints, seed, System.err);
        }
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        if (outcome.gridSize() > candidates) {
            System.err.printf(Locale.ROOT, "note: the grid holds %d candidates; --candidates %d tried the first of "
                    + "them only%n", outcome.gridSize(), candidates);
        }

        Map<String, Object> configuration = configuration(data, budget, split, seed, outcome.gridSize());
        SearchReport.write(outDir, arm, configuration, space.toJson(), outcome, wallSeconds);
        System.out.print(SearchSummary.format(outcome.ranked()));
        System.out.printf(Locale.ROOT, "Search took %.0f s. Results written to %s; train the best with: compare "
                + "--arm-config %s%n", wallSeconds, outDir.toAbsolutePath(),
                outDir.resolve(SearchReport.BEST_CONFIG));
        return 0;
    }

    /** Checks every option before any data is read; throws a usage error naming the option at fault. */
    private ArbiterSearch.Strategy validate() {
        if (!SearchSpaces.ARMS.contains(arm)) {
            throw OptionChecks.invalid(spec, "--arm", arm, "searchable arms: " + String.join(", ", SearchSpaces.ARMS));
        }
        if (candidates < 1) {
            throw OptionChecks.invalid(spec, "--candidates", candidates, "must be positive");
        }
        ArbiterSearch.Strategy chosen = switch (strategy) {
            case "random" -> ArbiterSearch.Strategy.RANDOM;
            case "grid" -> ArbiterSearch.Strategy.GRID;
            default -> throw OptionChecks.invalid(spec, "--strategy", strategy, "expected random or grid");
        };
        if (gridPoints < 2) {
            throw OptionChecks.invalid(spec, "--grid-points", gridPoints, "must be at least 2");
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw OptionChecks.invalid(spec, "--validation-fraction", validationFraction, "must be in (0, 1)");
        }
        dataOptions.validate();
        experiment.validate();
        List<Long> seeds = experiment.seeds(List.of(DEFAULT_SEED));
        if (seeds.size() != 1) {
            throw OptionChecks.invalid(spec, "--seeds", seeds, "search takes one seed: it fixes the split, the "
                    + "draws, the data order and the initial weights of every candidate");
        }
        return chosen;
    }

    private Map<String, Object> configuration(TrainTestData data, TrainingBudget budget, ValidationSplit split,
            long seed, int gridSize) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("arm", arm);
        c.put("strategy", strategy);
        c.put("candidates", candidates);
        if (gridSize > 0) {
            c.put("gridPoints", gridPoints);
            c.put("gridSize", gridSize);
        }
        c.put("validationFraction", validationFraction);
        c.put("seed", seed);
        c.putAll(dataOptions.describe());
        c.put("dataName", data.name());
        c.put("trainExamples", split.train().numExamples());
        c.put("validationExamples", split.validation().numExamples());
        c.put("architecture", budget.shape().toString());
        c.putAll(experiment.describe());
        c.put("score", "validation accuracy");
        return c;
    }
}
