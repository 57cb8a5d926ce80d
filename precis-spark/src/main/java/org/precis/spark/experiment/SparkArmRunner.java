package org.precis.spark.experiment;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.TrainTestData;
import org.precis.samples.arms.Arm;
import org.precis.samples.experiment.TrainingBudget;
import org.precis.spark.kfac.KFacTrainingMaster;

/**
 * Trains one arm with one seed under Spark parameter averaging and measures it after every epoch, evaluating on the
 * driver. The network is the arm's own ({@link Arm#createNetwork}); the workers get K-FAC attached by
 * {@link KFacTrainingMaster} when the arm uses it. Each epoch the training set is shuffled (seeded), cut into
 * minibatches of the budget's batch size (the batch size per worker) and parallelised into one partition per worker.
 */
public final class SparkArmRunner {

    /** Batch size of evaluation. */
    static final int EVALUATION_BATCH = 1000;

    private final JavaSparkContext sc;
    private final TrainTestData data;
    private final TrainingBudget budget;
    private final DistributedSetup setup;
    private final PrintStream progress;

    /**
     * @param sc       a running context whose master is {@code setup.master()}
     * @param data     the data (not modified)
     * @param budget   architecture, epochs and batch size per worker
     * @param setup    workers, averaging frequency, curvature sharing
     * @param progress where a line per epoch goes
     */
    public SparkArmRunner(JavaSparkContext sc, TrainTestData data, TrainingBudget budget, DistributedSetup setup,
            PrintStream progress) {
        this.sc = sc;
        this.data = data;
        this.budget = budget;
        this.setup = setup;
        this.progress = progress;
    }

    /** @return the training master this runner uses, for the given seed (exposed for tests) */
    KFacTrainingMaster trainingMaster(long seed) {
        ParameterAveragingTrainingMaster.Builder averaging =
                new ParameterAveragingTrainingMaster.Builder(setup.workers(), budget.batchSize())
                        .batchSizePerWorker(budget.batchSize())
                        .averagingFrequency(setup.averagingFrequency())
                        .saveUpdater(true)
                        .rddTrainingApproach(RDDTrainingApproach.Direct)
                        .repartionData(Repartition.Always)
                        .workerPrefetchNumBatches(0)
                        .collectTrainingStats(true)
                        .rngSeed(seed);
        return new KFacTrainingMaster(averaging, setup.curvature());
    }

    /** Trains {@code arm} from scratch with {@code seed} for the budgeted epochs. */
    public DistributedResult run(Arm arm, long seed) {
        MultiLayerNetwork net = arm.createNetwork(budget.shape(), seed);
        KFacTrainingMaster master = trainingMaster(seed);
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, net, master);
        ShuffledDataSetIterator train = new ShuffledDataSetIterator(data.train(), budget.batchSize(), true, seed);

        List<Double> accuracies = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        long examples = 0;
        for (int epoch = 1; epoch <= budget.epochs(); epoch++) {
            List<DataSet> batches = new ArrayList<>();
            train.reset();
            while (train.hasNext()) {
                batches.add(train.next());
            }
            JavaRDD<DataSet> rdd = sc.parallelize(batches, setup.workers());
            long start = System.nanoTime();
            spark.fit(rdd);
            seconds.add((System.nanoTime() - start) / 1e9);
            rdd.unpersist(false);
            examples += data.train().numExamples();
            accuracies.add(testAccuracy(net));
            progress.printf(Locale.ROOT, "%-12s seed %d, %s: epoch %d/%d, test accuracy %.4f, %.1f s%n", arm.name(),
                    seed, setting(), epoch, budget.epochs(), accuracies.get(epoch - 1), seconds.get(epoch - 1));
        }
        double wall = seconds.stream().mapToDouble(Double::doubleValue).sum();
        TimeBreakdown breakdown = TimeBreakdown.of(spark.getSparkTrainingStats(), setup.workers(),
                master.curvatureNanos(), wall);
        boolean kfac = master.usesKFac(net);
        return new DistributedResult(arm.name(), seed, setup.master(), setup.workers(), setup.averagingFrequency(),
                kfac ? curvatureName() : null, accuracies, seconds, examples / wall, breakdown,
                arm.diagnostics(net));
    }

    private String setting() {
        return setup.workers() + " workers on " + setup.master();
    }

    private String curvatureName() {
        return setup.curvature().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private double testAccuracy(MultiLayerNetwork net) {
        return net.evaluate(new ShuffledDataSetIterator(data.test(), EVALUATION_BATCH, false, 0)).accuracy();
    }
}
