package org.precis.samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.precis.data.TrainTestData;
import org.precis.samples.arms.Arm;
import org.precis.samples.arms.Arms;
import org.precis.samples.arms.NetworkShape;
import org.precis.samples.cli.DataOptions;
import org.precis.samples.cli.ExperimentOptions;
import org.precis.samples.experiment.ArmResult;
import org.precis.samples.experiment.ArmRunner;
import org.precis.samples.experiment.ExperimentSettings;
import org.precis.samples.experiment.Progress;
import org.precis.samples.report.HtmlReport;
import org.precis.samples.report.Plots;
import org.precis.samples.report.ResultsWriter;
import org.precis.samples.report.SummaryTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code compare}: trains each requested arm on the same architecture, data order, noise, epochs and seeds, and
 * reports test accuracy, training loss and time per epoch.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Train several arms (training schemes) on the same architecture, data and budget and "
                + "compare test accuracy, training loss and seconds per epoch.")
public final class CompareCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions dataOptions;

    @Mixin
    private ExperimentOptions experiment;

    @Option(names = "--arms", paramLabel = "ARMS", split = ",", completionCandidates = ArmNames.class,
            description = "Arms to train, in order (default: all). Valid: ${COMPLETION-CANDIDATES}.")
    private List<String> armNames;

    @Override
    public Integer call() throws Exception {
        List<Arm> arms = selectedArms();
        dataOptions.validate();
        experiment.validate();
        Path outDir = experiment.outputDirectory(spec.name());

        TrainTestData data = dataOptions.load(experiment.seeds().get(0));
        ExperimentSettings settings = new ExperimentSettings(
                new NetworkShape(data.numFeatures(), experiment.hidden(), data.numClasses()), experiment.epochs(),
                experiment.batch(), experiment.seeds(), experiment.labelNoise(), experiment.inputNoise());
        System.err.printf("%s: %d training, %d test examples; %s; arms %s; seeds %s%n", data.name(),
                data.train().numExamples(), data.test().numExamples(), settings.shape(), names(arms),
                settings.seeds());

        long batchesPerRun = (long) settings.epochs()
                * ((data.train().numExamples() + settings.batchSize() - 1) / settings.batchSize());
        Progress progress = new Progress(System.err, batchesPerRun * arms.size() * settings.seeds().size());
        ArmRunner runner = new ArmRunner(data, settings, progress);
        List<ArmResult> results = new ArrayList<>();
        for (long seed : settings.seeds()) {
            for (Arm arm : arms) {
                results.add(runner.run(arm, seed));
            }
        }

        Map<String, Object> configuration = configuration(arms, settings, data);
        ResultsWriter.write(outDir, spec.name(), configuration, armDetails(arms), results);
        Plots.writeEpochPlots(outDir, results);
        HtmlReport.write(outDir, "Precis compare: " + data.name(), configuration, results);
        System.out.print(SummaryTable.format(results));
        System.out.println("Results written to " + outDir.toAbsolutePath());
        return 0;
    }

    private List<Arm> selectedArms() {
        List<String> requested = armNames == null || armNames.isEmpty() ? Arms.names() : armNames;
        List<Arm> arms = new ArrayList<>();
        for (String name : requested) {
            try {
                arms.add(Arms.byName(name.trim()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--arms': " + e.getMessage());
            }
        }
        return arms;
    }

    private Map<String, Object> configuration(List<Arm> arms, ExperimentSettings settings, TrainTestData data) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("arms", names(arms));
        c.putAll(dataOptions.describe());
        c.put("dataName", data.name());
        c.put("trainExamples", data.train().numExamples());
        c.put("testExamples", data.test().numExamples());
        c.put("architecture", settings.shape().toString());
        c.putAll(experiment.describe());
        return c;
    }

    private static Map<String, Object> armDetails(List<Arm> arms) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (Arm arm : arms) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("description", arm.description());
            d.put("hyperparameters", arm.hyperparameters());
            details.put(arm.name(), d);
        }
        return details;
    }

    /** The registered arm names, for picocli's help text. */
    static final class ArmNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arms.names().iterator();
        }
    }

    private static List<String> names(List<Arm> arms) {
        return arms.stream().map(Arm::name).toList();
    }
}
