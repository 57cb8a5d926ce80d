package org.precis.spark.kfac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.TaskCompletionListener;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.TrainTestData;
import org.precis.data.fashion.FashionMnist;
import org.precis.natgrad.KFacTraining;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.listener.KFacListener;
import org.precis.samples.arms.BackpropArm;
import org.precis.samples.arms.NetworkShape;
import org.precis.spark.TestSpark;

/** K-FAC under Spark parameter averaging ({@code local[2]}) on the 2,000-image Fashion-MNIST fixture. */
@Timeout(150)
class KFacParameterAveragingTest {

    private static final NetworkShape SHAPE = new NetworkShape(784, new int[] {16}, 10);
    private static final int BATCH = 32;
    private static final int AVERAGING_FREQUENCY = 5;

    private static JavaSparkContext sc;
    private static TrainTestData data;

    @BeforeAll
    static void start() {
        sc = TestSpark.local(2, "kfac-averaging-test");
        data = FashionMnist.fixture();
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    /** K-FAC with its inverse refreshed every averaging round, so that one worker's schedule matches one machine's. */
    private static MultiLayerNetwork kfacNetwork(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(BackpropArm.configuration(SHAPE, seed,
                KFac.builder().inverseUpdatePeriod(AVERAGING_FREQUENCY).build()));
        net.init();
        return net;
    }

    private static ParameterAveragingTrainingMaster.Builder averaging(int workers, Repartition repartition) {
        return new ParameterAveragingTrainingMaster.Builder(workers, BATCH).batchSizePerWorker(BATCH)
                .averagingFrequency(AVERAGING_FREQUENCY).saveUpdater(true)
                .rddTrainingApproach(RDDTrainingApproach.Direct).repartionData(repartition).rngSeed(11);
    }

    /** Trains on two rounds of one worker each, one {@code fit} per round so that the batch order is kept. */
    private static MultiLayerNetwork oneWorkerTwoRounds(CurvatureSharing sharing, List<DataSet> batches) {
        MultiLayerNetwork net = kfacNetwork(4);
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, net,
                new KFacTrainingMaster(averaging(1, Repartition.Never), sharing));
        spark.fit(TestSpark.rdd(sc, batches.subList(0, AVERAGING_FREQUENCY), 1));
        spark.fit(TestSpark.rdd(sc, batches.subList(AVERAGING_FREQUENCY, 2 * AVERAGING_FREQUENCY), 1));
        return net;
    }

    /**
     * With one worker, carrying the curvature (and the momentum, saveUpdater) from round to round makes parameter
     * averaging an exact replay of single-machine K-FAC: same factors' moving averages, same inverse schedule.
     * Re-estimating it every round does not.
     */
    @Test
    void oneWorkerWithCarriedCurvatureRetracesSingleMachineKFacAndPerRoundCurvatureDoesNot() {
        List<DataSet> batches = TestSpark.batches(data.train(), BATCH, 2 * AVERAGING_FREQUENCY);
        MultiLayerNetwork single = kfacNetwork(4);
        KFacTraining.attach(single);
        for (DataSet batch : batches) {
            single.fit(batch);
        }

        INDArray carried = oneWorkerTwoRounds(CurvatureSharing.AVERAGED, batches).params();
        INDArray perRound = oneWorkerTwoRounds(CurvatureSharing.PER_ROUND, batches).params();

        INDArray moved = single.params().sub(kfacNetwork(4).params());
        double scale = moved.norm2Number().doubleValue();
        assertThat(scale).as("training moved the parameters").isGreaterThan(0.1);
        assertThat(carried.sub(single.params()).norm2Number().doubleValue() / scale)
                .as("carried curvature: relative distance to single-machine K-FAC").isLessThan(1e-4);
        assertThat(perRound.sub(single.params()).norm2Number().doubleValue() / scale)
                .as("per-round curvature: relative distance to single-machine K-FAC").isGreaterThan(1e-2);
    }

    /**
     * With two workers, each worker trains with K-FAC (its own listener on its fresh network), and the next round
     * starts from the mean of the two workers' factors.
     */
    @Test
    void twoWorkersBothPreconditionAndTheCarriedCurvatureIsTheMeanOfTheirs() {
        MultiLayerNetwork net = kfacNetwork(5);
        CollectionAccumulator<CurvatureSnapshot> perWorker = sc.sc().collectionAccumulator("worker curvature");
        KFacTrainingMaster master = new KFacTrainingMaster(
                averaging(2, Repartition.Always).trainingHooks(new CurvatureRecorder(perWorker)),
                CurvatureSharing.AVERAGED);
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, net, master);

        spark.fit(TestSpark.rdd(sc, TestSpark.batches(data.train(), BATCH, 2 * AVERAGING_FREQUENCY), 2));

        List<CurvatureSnapshot> recorded = perWorker.value();
        assertThat(recorded).as("both workers trained with K-FAC attached").hasSize(2).doesNotContainNull();
        CurvatureSnapshot carried = master.curvature();
        assertThat(carried).isNotNull();
        for (int layer = 0; layer < 2; layer++) {
            INDArray a0 = recorded.get(0).inputFactor(layer);
            INDArray a1 = recorded.get(1).inputFactor(layer);
            INDArray g0 = recorded.get(0).outputFactor(layer);
            INDArray g1 = recorded.get(1).outputFactor(layer);
            assertThat(a0.equalsWithEps(a1, 1e-6)).as("the workers' data differ, so do their factors").isFalse();
            assertThat(carried.inputFactor(layer).equalsWithEps(a0.add(a1).div(2), 1e-10)).as("A, layer %d", layer)
                    .isTrue();
            assertThat(carried.outputFactor(layer).equalsWithEps(g0.add(g1).div(2), 1e-10)).as("G, layer %d", layer)
                    .isTrue();
        }
    }

    @Test
    void aKFacNetworkTrainsWellAboveChanceWithTwoWorkers() {
        MultiLayerNetwork net = kfacNetwork(6);
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, net,
                new KFacTrainingMaster(averaging(2, Repartition.Always), CurvatureSharing.AVERAGED));
        List<DataSet> batches = TestSpark.batches(data.train(), BATCH, Integer.MAX_VALUE);
        for (int epoch = 0; epoch < 2; epoch++) {
            spark.fit(TestSpark.rdd(sc, batches, 2));
        }
        double accuracy = net.evaluate(new ShuffledDataSetIterator(data.test(), 500, false, 0)).accuracy();
        assertThat(accuracy).as("test accuracy after 2 epochs on 2,000 images (chance: 0.1)").isGreaterThan(0.6);
    }

    /** Sends each worker's K-FAC curvature, as it stands when its task ends, to the driver. */
    private static final class CurvatureRecorder implements TrainingHook {
        private static final long serialVersionUID = 1L;
        private final CollectionAccumulator<CurvatureSnapshot> recorded;
        private transient Model seen;

        CurvatureRecorder(CollectionAccumulator<CurvatureSnapshot> recorded) {
            this.recorded = recorded;
        }

        private void watch(Model model) {
            if (model == seen) {
                return;
            }
            seen = model;
            TaskContext.get().addTaskCompletionListener(new TaskCompletionListener() {
                @Override
                public void onTaskCompletion(TaskContext context) {
                    for (TrainingListener listener : ((MultiLayerNetwork) model).getListeners()) {
                        if (listener instanceof KFacListener kfac) {
                            recorded.add(CurvatureSnapshot.capture(kfac.estimator()));
                        }
                    }
                }
            });
        }

        @Override
        public void preUpdate(org.nd4j.linalg.dataset.api.DataSet minibatch, Model model) {
            watch(model);
        }

        @Override
        public void postUpdate(org.nd4j.linalg.dataset.api.DataSet minibatch, Model model) {
        }

        @Override
        public void preUpdate(MultiDataSet minibatch, Model model) {
            watch(model);
        }

        @Override
        public void postUpdate(MultiDataSet minibatch, Model model) {
        }
    }
}
