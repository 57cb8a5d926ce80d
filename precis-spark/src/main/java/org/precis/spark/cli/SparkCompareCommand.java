package org.precis.spark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.precis.data.TrainTestData;
import org.precis.samples.arms.Arm;
import org.precis.samples.cli.ArmSelection;
import org.precis.samples.cli.DataOptions;
import org.precis.samples.cli.ExperimentOptions;
import org.precis.samples.cli.OptionChecks;
import org.precis.samples.experiment.ArmResult;
import org.precis.samples.experiment.ArmRunner;
import org.precis.samples.experiment.NoiseSetting;
import org.precis.samples.experiment.Progress;
import org.precis.samples.experiment.TrainingBudget;
import org.precis.spark.SparkContexts;
import org.precis.spark.experiment.DistributedResult;
import org.precis.spark.experiment.DistributedSetup;
import org.precis.spark.experiment.SparkArmRunner;
import org.precis.spark.experiment.SparkCompareReport;
import org.precis.spark.kfac.CurvatureSharing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spark-compare}: trains the arms of {@code compare} on one machine and under Spark parameter averaging with
 * each worker count asked for, on the same architecture, epochs, batch size (per worker) and seeds, and reports test
 * accuracy per epoch, throughput and where the time goes. Runs of one seed are interleaved (one machine, then each
 * worker count), so ratios between settings are measured under the same load.
 */
@Command(name = "spark-compare", mixinStandardHelpOptions = true,
        description = "Train arms on one machine and under Spark parameter averaging (1, 2, ... workers) and "
                + "compare test accuracy after the same epochs, examples per second and where the time goes.")
public final class SparkCompareCommand implements Callable<Integer> {

    /** Arms when {@code --arms} is not given. */
    static final List<String> DEFAULT_ARMS = List.of("bp-adam", "kfac", "pc-precision");

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions dataOptions;

    @Mixin
    private ExperimentOptions experiment;

    @Option(names = "--arms", paramLabel = "ARMS", split = ",",
            description = "Arms to train (default: bp-adam,kfac,pc-precision); any arm of compare.")
    private List<String> armNames;

    @Option(names = "--workers", paramLabel = "N", split = ",", defaultValue = "1,2",
            description = "Worker counts: one Spark run per count (default: ${DEFAULT-VALUE}); each is local[N] "
                    + "unless --master is given.")
    private List<Integer> workers;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for all runs, e.g. local-cluster[2,1,2048] or spark://127.0.0.1:7077 (then "
                    + "--workers is the cluster's total executor cores); default local[N]. Under spark-submit its "
                    + "--master wins.")
    private String master;

    @Option(names = "--averaging-frequency", paramLabel = "F", defaultValue = "5",
            description = "Minibatches each worker trains between two averagings (default: ${DEFAULT-VALUE}).")
    private int averagingFrequency;

    @Option(names = "--curvature", paramLabel = "MODE", split = ",", defaultValue = "averaged",
            description = "K-FAC curvature under averaging: averaged (carried across rounds, averaged over "
                    + "workers), per-round (re-estimated every round); several give one run each "
                    + "(default: ${DEFAULT-VALUE}).")
    private List<String> curvatureNames;

    @Option(names = "--single-machine", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also train every arm on one machine without Spark, for reference (default: on).")
    private boolean singleMachine;

    @Override
    public Integer call() throws Exception {
        List<Arm> arms = ArmSelection.parse(spec, "--arms", armNames == null ? DEFAULT_ARMS : armNames);
        dataOptions.validate();
        experiment.validate();
        List<CurvatureSharing> curvatures = curvatures();
        if (averagingFrequency < 1) {
            throw OptionChecks.invalid(spec, "--averaging-frequency", averagingFrequency, "must be at least 1");
        }
        if (workers.isEmpty() || workers.stream().anyMatch(n -> n < 1)) {
            throw OptionChecks.invalid(spec, "--workers", workers, "counts must be at least 1");
        }
        if (master != null && workers.size() != 1) {
            throw OptionChecks.invalid(spec, "--workers", workers,
                    "give one count (the cluster's executor cores) with --master");
        }
        Path outDir = experiment.outputDirectory(spec.name());
        List<Long> seeds = experiment.seeds(List.of(1L));
        TrainTestData data = dataOptions.load(seeds.get(0));
        TrainingBudget budget = experiment.budget(data);
        System.err.printf("%s: %d training, %d test examples; %s; arms %s; workers %s; seeds %s%n", data.name(),
                data.train().numExamples(), data.test().numExamples(), budget.shape(), ArmSelection.names(arms),
                workers, seeds);

        List<DistributedResult> results = new ArrayList<>();
        for (long seed : seeds) {
            if (singleMachine) {
                results.addAll(singleMachine(arms, data, budget, seed));
            }
            for (int n : workers) {
                results.addAll(distributed(arms, data, budget, seed, n, curvatures));
            }
        }
        SparkCompareReport.write(outDir, configuration(arms, data, budget, seeds, curvatures), results);
        System.out.print(SparkCompareReport.summary(results));
        System.out.println("Results written to " + outDir.toAbsolutePath());
        return 0;
    }

    private List<CurvatureSharing> curvatures() {
        List<CurvatureSharing> out = new ArrayList<>();
        for (String name : curvatureNames) {
            try {
                out.add(CurvatureSharing.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw OptionChecks.invalid(spec, "--curvature", name, "must be averaged or per-round");
            }
        }
        return out;
    }

    private List<DistributedResult> singleMachine(List<Arm> arms, TrainTestData data, TrainingBudget budget,
            long seed) {
        ArmRunner runner = new ArmRunner(data, budget, new Progress(System.err,
                (long) arms.size() * budget.epochs() * budget.batchesPerEpoch(data.train().numExamples())));
        List<DistributedResult> out = new ArrayList<>();
        for (Arm arm : arms) {
            ArmResult r = runner.run(arm, NoiseSetting.CLEAN, seed);
            double seconds = r.secondsPerEpoch().stream().mapToDouble(Double::doubleValue).sum();
            out.add(new DistributedResult(r.name(), seed, DistributedResult.SINGLE, 0, 0, null,
                    r.testAccuracyPerEpoch(), r.secondsPerEpoch(),
                    (double) data.train().numExamples() * budget.epochs() / seconds, null, r.diagnostics()));
        }
        return out;
    }

    private List<DistributedResult> distributed(List<Arm> arms, TrainTestData data, TrainingBudget budget, long seed,
            int n, List<CurvatureSharing> curvatures) {
        List<DistributedResult> out = new ArrayList<>();
        JavaSparkContext sc = SparkContexts.start(master != null ? master : "local[" + n + "]",
                "precis spark-compare");
        try {
            for (Arm arm : arms) {
                boolean kfac = arm.createNetwork(budget.shape(), seed).getListeners().stream()
                        .anyMatch(l -> l instanceof org.precis.natgrad.listener.KFacListener);
                for (CurvatureSharing curvature : kfac ? curvatures : curvatures.subList(0, 1)) {
                    DistributedSetup setup = new DistributedSetup(sc.master(), n, averagingFrequency, curvature);
                    out.add(new SparkArmRunner(sc, data, budget, setup, System.err).run(arm, seed));
                }
            }
        } finally {
            sc.stop();
        }
        return out;
    }

    private Map<String, Object> configuration(List<Arm> arms, TrainTestData data, TrainingBudget budget,
            List<Long> seeds, List<CurvatureSharing> curvatures) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("arms", ArmSelection.names(arms));
        c.putAll(dataOptions.describe());
        c.putAll(ArmSelection.describeData(data, budget));
        c.putAll(experiment.describe());
        c.put("seeds", seeds);
        c.put("workers", workers);
        c.put("master", master == null ? "local[N]" : master);
        c.put("averagingFrequency", averagingFrequency);
        c.put("curvature", curvatureNames);
        c.put("singleMachine", singleMachine);
        return c;
    }
}
