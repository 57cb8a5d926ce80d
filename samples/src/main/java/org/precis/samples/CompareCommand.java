package org.precis.samples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.precis.data.TrainTestData;
import org.precis.samples.arms.Arm;
import org.precis.samples.cli.ArmSelection;
import org.precis.samples.cli.ArmsOption;
import org.precis.samples.cli.DataOptions;
import org.precis.samples.cli.ExperimentOptions;
import org.precis.samples.cli.NoiseOptions;
import org.precis.samples.cli.OptionChecks;
import org.precis.samples.cli.ResumeOptions;
import org.precis.samples.cli.RunDirectory;
import org.precis.samples.experiment.ArmResult;
import org.precis.samples.experiment.Experiment;
import org.precis.samples.experiment.NoiseSetting;
import org.precis.samples.experiment.TrainingBudget;
import org.precis.samples.report.HtmlReport;
import org.precis.samples.report.Plots;
import org.precis.samples.report.SummaryTable;
import org.precis.samples.report.TimeToTarget;
import org.precis.samples.search.ArmConfigOption;
import org.precis.samples.ui.TrainingUiOptions;
import org.precis.samples.ui.TrainingUiRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code compare}: trains each requested arm on the same architecture, data order, noise, epochs and seeds, and
 * reports test accuracy, training loss and time per epoch. Each finished run is saved at once, runs in progress are
 * checkpointed, and {@code --resume DIR} continues an interrupted experiment (see {@link RunDirectory}).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Train several arms (training schemes) on the same architecture, data and budget and "
                + "compare test accuracy, training loss and seconds per epoch.")
public final class CompareCommand implements Callable<Integer> {

    /** Seeds when {@code --seeds} is not given. */
    static final List<Long> DEFAULT_SEEDS = List.of(1L);

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions dataOptions;

    @Mixin
    private ExperimentOptions experiment;

    @Mixin
    private NoiseOptions noise;

    @Mixin
    private ArmConfigOption armConfig;

    @Mixin
    private ArmsOption armsOption;

    @Mixin
    private ResumeOptions resume;

    @Mixin
    private TrainingUiOptions trainingUi;

    @Option(names = "--target-accuracy", paramLabel = "A",
            description = "Also report, per run, the first epoch and the training seconds at which test accuracy "
                    + "reached A (default: not reported).")
    private Double targetAccuracy;

    @Override
    public Integer call() throws Exception {
        List<Arm> arms = armConfig.resolve(armsOption.selected(experiment.architecture()));
        dataOptions.validate();
        experiment.validate();
        noise.validate();
        resume.validate();
        trainingUi.validate(resume.resume() != null);
        if (targetAccuracy != null && !(targetAccuracy > 0 && targetAccuracy <= 1)) {
            throw OptionChecks.invalid(spec, "--target-accuracy", targetAccuracy, "must be in (0, 1]");
        }
        Path outDir = RunDirectory.choose(spec, experiment, resume);
        List<Long> seeds = experiment.seeds(DEFAULT_SEEDS);

        TrainTestData data = dataOptions.load(seeds.get(0));
        TrainingBudget budget = experiment.budget(data);
        armConfig.checkFits(budget.shape(), experiment.hiddenGiven());
        ArmSelection.checkShape(spec, arms, budget.shape());
        System.err.printf("%s: %d training, %d test examples; %s; arms %s; seeds %s%n", data.name(),
                data.train().numExamples(), data.test().numExamples(), budget.shape(), ArmSelection.names(arms),
                seeds);
        List<NoiseSetting> settings = List.of(new NoiseSetting(noise.labelNoise(), noise.inputNoise()));
        Map<String, Object> configuration = configuration(arms, budget, data, seeds);
        List<ArmResult> results;
        List<TimeToTarget> timeToTarget;
        try (TrainingUiRecorder recorder = trainingUi.open(System.err);
                RunDirectory run = RunDirectory.open(spec, outDir, resume.checkpointEvery(), configuration,
                        ArmSelection.details(arms), arms.size() * seeds.size())) {
            results = run.guard(() -> new Experiment(data, budget, recorder).run(arms, settings, seeds, System.err,
                    run.store(), run.checkpoints()));
            timeToTarget = targetAccuracy == null ? List.of() : TimeToTarget.of(results, targetAccuracy);
            run.store().complete(results, targetAccuracy == null ? Map.of() : Map.of("timeToTarget", timeToTarget));
            Map<String, String> lossPlots = Plots.writeEpochPlots(outDir, results);
            HtmlReport.write(outDir, "Precis compare: " + data.name(), configuration, results, lossPlots);
        }
        System.out.print(SummaryTable.format(results));
        for (TimeToTarget t : timeToTarget) {
            System.out.println(t.epochs() == null
                    ? String.format(Locale.ROOT, "%-14s seed %d: never reached %.4f", t.arm(), t.seed(), t.target())
                    : String.format(Locale.ROOT, "%-14s seed %d: reached %.4f after %d epochs, %.1f s of training",
                            t.arm(), t.seed(), t.target(), t.epochs(), t.seconds()));
        }
        System.out.println("Results written to " + outDir.toAbsolutePath());
        return 0;
    }

    private Map<String, Object> configuration(List<Arm> arms, TrainingBudget budget, TrainTestData data,
            List<Long> seeds) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("arms", ArmSelection.names(arms));
        c.putAll(armConfig.describe());
        c.putAll(dataOptions.describe());
        c.putAll(ArmSelection.describeData(data, budget));
        c.putAll(experiment.describe());
        c.put("seeds", seeds);
        c.putAll(noise.describe());
        c.put("targetAccuracy", targetAccuracy);
        return c;
    }
}
