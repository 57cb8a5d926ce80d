package org.precis.spark.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.TrainTestData;
import org.precis.data.fashion.FashionMnist;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.listener.KFacListener;
import org.precis.samples.arms.Arms;
import org.precis.samples.arms.BackpropArm;
import org.precis.samples.arms.NetworkShape;

/**
 * {@code ParallelWrapper} in {@code AVERAGING} mode, two worker threads, on the 2,000-image Fashion-MNIST fixture:
 * a predictive-coding network with learned precision (DL4J's default trainer context) and a K-FAC network
 * ({@link KFacTrainerContext}). Each {@code fit} is called twice: the averaging mode must survive repeated calls.
 */
@Timeout(120)
class ParallelWrapperAveragingTest {

    private static final NetworkShape SHAPE = new NetworkShape(784, new int[] {32}, 10);
    private static final TrainTestData DATA = FashionMnist.fixture();

    private static double trainTwoEpochs(MultiLayerNetwork net, KFacTrainerContext context) {
        ParallelWrapper.Builder<MultiLayerNetwork> builder = new ParallelWrapper.Builder<>(net).workers(2)
                .averagingFrequency(3).prefetchBuffer(4).trainingMode(ParallelWrapper.TrainingMode.AVERAGING);
        ParallelWrapper wrapper = context == null ? builder.build() : KFacTrainerContext.build(builder, context);
        try {
            for (int epoch = 0; epoch < 2; epoch++) {
                wrapper.fit(new ShuffledDataSetIterator(DATA.train(), 32, true, epoch));
            }
        } finally {
            wrapper.shutdown();
        }
        return net.evaluate(new ShuffledDataSetIterator(DATA.test(), 500, false, 0)).accuracy();
    }

    @Test
    void aPrecisionNetworkTrainsWellAboveChanceUnderAveraging() {
        MultiLayerNetwork net = Arms.byName("pc-precision").createNetwork(SHAPE, 2);
        assertThat(trainTwoEpochs(net, null)).as("test accuracy (chance: 0.1)").isGreaterThan(0.6);
    }

    /** Every replica, the handed-in network's included, must precondition with its own curvature. */
    @Test
    void everyWorkerThreadTrainsWithItsOwnKFacAndTheNetworkLearns() {
        MultiLayerNetwork net = new MultiLayerNetwork(BackpropArm.configuration(SHAPE, 3, new KFac()));
        net.init();
        KFacTrainerContext context = new KFacTrainerContext();

        double accuracy = trainTwoEpochs(net, context);

        // One replica per thread for each fit call, but the handed-in network (thread 0) is the same in both.
        assertThat(context.attachments()).as("replicas K-FAC was attached to over two fit calls").isEqualTo(3);
        List<KFacListener> live = context.listeners();
        assertThat(live).as("replicas still referenced: at least the handed-in network").isNotEmpty();
        assertThat(live).allSatisfy(l -> assertThat(l.estimator().step()).as("preconditioned steps")
                .isGreaterThan(5));
        assertThat(context.listenerOf(net)).as("thread 0 trains the handed-in network").isNotNull();
        assertThat(accuracy).as("test accuracy (chance: 0.1)").isGreaterThan(0.6);
    }
}
