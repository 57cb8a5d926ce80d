package org.precis.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.precis.samples.cli.OptionChecks;
import org.precis.samples.cli.ResumeOptions;
import org.precis.samples.cli.RunDirectory;
import org.precis.samples.experiment.ArmResult;
import org.precis.samples.experiment.Experiment;
import org.precis.samples.experiment.NoiseSetting;
import org.precis.samples.experiment.TrainingBudget;
import org.precis.samples.report.AtomicFiles;
import org.precis.samples.report.HtmlPage;
import org.precis.samples.report.NoisePlots;
import org.precis.samples.report.ResultsWriter;
import org.precis.samples.report.SettingSummary;
import org.precis.samples.report.Stats;
import org.precis.samples.search.ArmConfigOption;
import org.precis.samples.ui.TrainingUiOptions;
import org.precis.samples.ui.TrainingUiRecorder;
import org.precis.samples.verdict.ClaimVerdict;
import org.precis.samples.verdict.PaperClaims;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code noise}: the data-noise and label-noise sweeps of {@code algorithms.md} §4. Every arm runs on clean data,
 * at each input-noise level (clean labels) and at each label-noise level (clean inputs), once per seed; the
 * report gives mean and spread of test accuracy per arm and setting, plots against noise level, and a verdict
 * per claim of the founding paper computed from those figures.
 */
@Command(name = "noise", mixinStandardHelpOptions = true,
        description = "Sweep input noise and label noise for several arms and judge the paper's robustness claims.")
public final class NoiseCommand implements Callable<Integer> {

    /** Seeds when {@code --seeds} is not given (three, as the experiment calls for). */
    static final List<Long> DEFAULT_SEEDS = List.of(1L, 2L, 3L);
    /** Epochs of {@code --quick} unless {@code --epochs} is given. */
    static final int QUICK_EPOCHS = 3;
    /** Training examples of {@code --quick} unless {@code --train-limit} is given. */
    static final int QUICK_TRAIN_LIMIT = 20_000;

    /** Name of the per-setting summary CSV. */
    static final String SUMMARY_CSV = "summary.csv";

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions dataOptions;

    @Mixin
    private ExperimentOptions experiment;

    @Mixin
    private ArmsOption armsOption;

    @Mixin
    private ArmConfigOption armConfig;

    @Mixin
    private ResumeOptions resume;

    @Mixin
    private TrainingUiOptions trainingUi;

    @Option(names = "--input-noise-levels", paramLabel = "SIGMAS", split = ",", defaultValue = "0,0.25,0.5,1.0",
            description = "Input-noise standard deviations to sweep (default: ${DEFAULT-VALUE}).")
    private List<Double> inputLevels;

    @Option(names = "--label-noise-levels", paramLabel = "PS", split = ",", defaultValue = "0,0.2,0.4,0.6",
            description = "Label-noise fractions to sweep (default: ${DEFAULT-VALUE}).")
    private List<Double> labelLevels;

    @Option(names = "--quick",
            description = "A short version (about ten minutes on two cores): only the clean and the strongest level "
                    + "of each kind, " + QUICK_EPOCHS + " epochs, the first " + QUICK_TRAIN_LIMIT + " training "
                    + "examples and seed 1, unless --epochs, --train-limit or --seeds say otherwise.")
    private boolean quick;

    @Override
    public Integer call() throws IOException {
        List<Arm> arms = armConfig.resolve(armsOption.selected(experiment.architecture()));
        dataOptions.validate();
        experiment.validate();
        resume.validate();
        trainingUi.validate(resume.resume() != null);
        inputLevels.forEach(sigma -> OptionChecks.checkInputNoise(spec, "--input-noise-levels", sigma));
        labelLevels.forEach(p -> OptionChecks.checkLabelNoise(spec, "--label-noise-levels", p));
        double maxInput = inputLevels.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double maxLabel = labelLevels.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        List<Long> seeds = experiment.seeds(quick ? List.of(1L) : DEFAULT_SEEDS);
        if (quick && !experiment.epochsGiven()) {
            experiment.setEpochs(QUICK_EPOCHS);
        }
        if (quick && !dataOptions.trainLimitGiven()) {
            dataOptions.setTrainLimit(QUICK_TRAIN_LIMIT);
        }
        List<NoiseSetting> settings = settings(quick ? List.of(maxInput) : inputLevels,
                quick ? List.of(maxLabel) : labelLevels);
        Path outDir = RunDirectory.choose(spec, experiment, resume);

        TrainTestData data = dataOptions.load(seeds.get(0));
        TrainingBudget budget = experiment.budget(data);
        armConfig.checkFits(budget.shape(), experiment.hiddenGiven());
        ArmSelection.checkShape(spec, arms, budget.shape());
        System.err.printf("%s: %d training, %d test examples; %s; arms %s; seeds %s; %d noise settings%n",
                data.name(), data.train().numExamples(), data.test().numExamples(), budget.shape(),
                ArmSelection.names(arms), seeds, settings.size());
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("arms", ArmSelection.names(arms));
        configuration.putAll(armConfig.describe());
        configuration.putAll(dataOptions.describe());
        configuration.putAll(ArmSelection.describeData(data, budget));
        configuration.putAll(experiment.describe());
        configuration.put("seeds", seeds);
        configuration.put("quick", quick);
        configuration.put("settings", settings);

        SettingSummary summary;
        List<ClaimVerdict> verdicts;
        double wallSeconds;
        try (TrainingUiRecorder recorder = trainingUi.open(System.err);
                RunDirectory run = RunDirectory.open(spec, outDir, resume.checkpointEvery(), configuration,
                        ArmSelection.details(arms), arms.size() * seeds.size() * settings.size())) {
            List<ArmResult> results = run.guard(() -> new Experiment(data, budget, recorder).run(arms, settings,
                    seeds, System.err, run.store(), run.checkpoints()));
            summary = new SettingSummary(results);
            verdicts = PaperClaims.judge(summary, maxInput, maxLabel);
            wallSeconds = run.store().wallSeconds();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("summary", summary.rows());
            extra.put("verdicts", verdicts);
            run.store().complete(results, extra);
            writeSummaryCsv(outDir.resolve(SUMMARY_CSV), summary);
            List<String> plots = NoisePlots.write(outDir, summary);
            writeHtml(outDir, data, summary, verdicts, plots, configuration, wallSeconds);
        }

        System.out.print(formatTable(summary));
        System.out.println();
        for (ClaimVerdict v : verdicts) {
            System.out.printf(Locale.ROOT, "%-40s %s%n    %s%n", v.claim(), v.verdict().text(), v.evidence());
        }
        System.out.printf(Locale.ROOT, "Wall time %.0f s. Results written to %s%n", wallSeconds,
                outDir.toAbsolutePath());
        return 0;
    }

    /** The clean setting, then each non-zero input level (clean labels), then each non-zero label level. */
    static List<NoiseSetting> settings(List<Double> inputLevels, List<Double> labelLevels) {
        List<NoiseSetting> settings = new ArrayList<>();
        settings.add(NoiseSetting.CLEAN);
        inputLevels.stream().filter(s -> s > 0).distinct().sorted()
                .forEach(s -> settings.add(new NoiseSetting(0, s)));
        labelLevels.stream().filter(p -> p > 0).distinct().sorted()
                .forEach(p -> settings.add(new NoiseSetting(p, 0)));
        return settings;
    }

    private static String formatTable(SettingSummary summary) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-14s %8s %8s %5s %10s %8s%n", "arm",
                "label p", "input s", "runs", "accuracy", "(sd)"));
        for (SettingSummary.Row r : summary.rows()) {
            s.append(String.format(Locale.ROOT, "%-14s %8.2f %8.2f %5d %10.4f %8s%n", r.arm(), r.labelNoise(),
                    r.inputNoise(), r.runs(), r.meanAccuracy(), Stats.format4(r.sdAccuracy())));
        }
        return s.toString();
    }

    private static void writeSummaryCsv(Path file, SettingSummary summary) throws IOException {
        StringBuilder csv = new StringBuilder("arm,labelNoise,inputNoise,runs,meanTestAccuracy,sdTestAccuracy\n");
        for (SettingSummary.Row r : summary.rows()) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.6f,%s%n", r.arm(), r.labelNoise(),
                    r.inputNoise(), r.runs(), r.meanAccuracy(),
                    Double.isNaN(r.sdAccuracy()) ? "" : String.format(Locale.ROOT, "%.6f", r.sdAccuracy())));
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    private static void writeHtml(Path outDir, TrainTestData data, SettingSummary summary,
            List<ClaimVerdict> verdicts, List<String> plots, Map<String, Object> configuration, double wallSeconds)
            throws IOException {
        HtmlPage page = new HtmlPage("Precis noise sweep: " + data.name());
        page.heading("Verdicts").table(List.of("claim", "verdict", "evidence"), verdicts.stream()
                .map(v -> List.of(v.statement(), v.verdict().text(), v.evidence())).toList());
        page.heading("Test accuracy per arm and setting").table(
                List.of("arm", "label noise", "input noise", "runs", "accuracy (mean)", "sd over seeds"),
                summary.rows().stream().map(r -> List.of(r.arm(), fmt(r.labelNoise()), fmt(r.inputNoise()),
                        String.valueOf(r.runs()), String.format(Locale.ROOT, "%.4f", r.meanAccuracy()),
                        Stats.format4(r.sdAccuracy()))).toList());
        page.heading("Plots");
        plots.forEach(p -> page.image(p, p.replace(".png", "").replace('-', ' ')));
        page.heading("Configuration").keyValues(configuration)
                .paragraph(String.format(Locale.ROOT, "Wall time: %.0f s.", wallSeconds))
                .links("Raw figures:", List.of(ResultsWriter.RESULTS_JSON, ResultsWriter.PER_EPOCH_CSV, SUMMARY_CSV))
                .write(outDir.resolve("index.html"));
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.2f", x);
    }
}
