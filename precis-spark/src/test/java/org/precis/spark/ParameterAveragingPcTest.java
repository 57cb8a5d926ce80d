package org.precis.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.TrainTestData;
import org.nd4j.linalg.learning.config.Adam;
import org.precis.data.fashion.FashionMnist;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.samples.arms.Arms;
import org.precis.samples.arms.NetworkShape;

/**
 * Predictive-coding networks under Spark parameter averaging, two workers in one JVM ({@code local[2]}), on the
 * 2,000-image Fashion-MNIST fixture.
 */
@Timeout(150)
class ParameterAveragingPcTest {

    private static final NetworkShape SHAPE = new NetworkShape(784, new int[] {32}, 10);
    private static final int BATCH = 50;
    private static final int AVERAGING_FREQUENCY = 2;

    private static JavaSparkContext sc;
    private static TrainTestData data;

    @BeforeAll
    static void start() {
        sc = TestSpark.local(2, "pc-averaging-test");
        data = FashionMnist.fixture();
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    private static ParameterAveragingTrainingMaster.Builder averaging() {
        return new ParameterAveragingTrainingMaster.Builder(2, BATCH).batchSizePerWorker(BATCH)
                .averagingFrequency(AVERAGING_FREQUENCY).saveUpdater(true)
                .rddTrainingApproach(RDDTrainingApproach.Direct).repartionData(Repartition.Always).rngSeed(7);
    }

    /**
     * The learned precisions, and any running estimate a PC layer keeps as model state, sit in the layer's parameter
     * view: after one round the driver must hold, for every entry of every parameter, the mean of what the two
     * workers returned.
     */
    /**
     * 784-32-10 with learned diagonal precision on both levels and a Gaussian top, the precision estimated by
     * {@code estimator}: as log-variance parameters ({@code GRADIENT}) or as running moments kept as model state in
     * the parameter view ({@code RUNNING_MOMENTS}). The variance floor is below the initial variance so that every
     * gradient-learned precision moves in the first steps (with a floor of 1 a level whose errors are small keeps its
     * initial value).
     */
    private static MultiLayerNetwork movingPrecisionNetwork(long seed, PrecisionEstimator estimator) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed).list()
                .layer(new PredictiveCodingOutputLayer.Builder().nIn(784).hiddenLayerSizes(32).nOut(10)
                        .hiddenActivation(Activation.TANH).activation(Activation.IDENTITY)
                        .topEnergy(TopEnergy.GAUSSIAN).hiddenPrecision(PrecisionForm.DIAGONAL)
                        .outputPrecision(PrecisionForm.DIAGONAL).varianceFloor(0.1).stateRate(0.01)
                        .precisionEstimator(estimator)
                        .updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER).build())
                .build());
        net.init();
        return net;
    }

    @ParameterizedTest
    @EnumSource(PrecisionEstimator.class)
    void everyEntryOfThePrecisionNetworksParameterViewIsTheMeanOfTheWorkers(PrecisionEstimator estimator) {
        MultiLayerNetwork net = movingPrecisionNetwork(3, estimator);
        INDArray initial = net.params().dup();
        CollectionAccumulator<double[]> workers = sc.sc().collectionAccumulator("final params");
        ParameterAveragingTrainingMaster master = averaging().trainingHooks(new FinalParamsRecorder(workers)).build();
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, net, master);

        spark.fit(TestSpark.rdd(sc, TestSpark.batches(data.train(), BATCH, 2 * AVERAGING_FREQUENCY), 2));

        List<double[]> returned = workers.value();
        assertThat(returned).as("one parameter vector per worker").hasSize(2);
        double[] a = returned.get(0);
        double[] b = returned.get(1);
        double[] averaged = net.params().castTo(DataType.DOUBLE).dup().data().asDouble();
        double[] before = initial.castTo(DataType.DOUBLE).dup().data().asDouble();
        assertThat(averaged).hasSize(a.length);
        long offset = 0;
        int changedKeys = 0;
        for (Map.Entry<String, INDArray> entry : net.paramTable().entrySet()) {
            long length = entry.getValue().length();
            boolean changed = false;
            for (long i = offset; i < offset + length; i++) {
                int k = (int) i;
                double mean = (a[k] + b[k]) / 2;
                assertThat(averaged[k]).as("parameter %s, entry %d", entry.getKey(), i - offset)
                        .isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-6 * (1 + Math.abs(mean))));
                changed |= a[k] != before[k];
            }
            if (changed) {
                changedKeys++;
                assertThat(differs(a, b, offset, length)).as("workers saw different data, so %s differs",
                        entry.getKey()).isTrue();
            }
            offset += length;
        }
        assertThat(changedKeys).as("weights, biases and precisions (or their running moments) of both levels all "
                + "trained, of %s", net.paramTable().keySet()).isEqualTo(net.paramTable().size());
        assertThat(net.paramTable().size()).as("the precision of each level is in the view: %s",
                net.paramTable().keySet()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aPrecisionNetworkTrainsWellAboveChanceWithTwoWorkers() {
        MultiLayerNetwork net = Arms.byName("pc-precision").createNetwork(SHAPE, 5);
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, net, averaging().build());
        List<DataSet> batches = TestSpark.batches(data.train(), BATCH, Integer.MAX_VALUE);
        for (int epoch = 0; epoch < 3; epoch++) {
            spark.fit(TestSpark.rdd(sc, batches, 2));
        }
        double accuracy = net.evaluate(new ShuffledDataSetIterator(data.test(), 500, false, 0)).accuracy();
        assertThat(accuracy).as("test accuracy after 3 epochs on 2,000 images (chance: 0.1)").isGreaterThan(0.6);
    }

    private static boolean differs(double[] a, double[] b, long offset, long length) {
        for (long i = offset; i < offset + length; i++) {
            if (a[(int) i] != b[(int) i]) {
                return true;
            }
        }
        return false;
    }
}
