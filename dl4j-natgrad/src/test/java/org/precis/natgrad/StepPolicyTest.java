package org.precis.natgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.precis.natgrad.blocks.CurvatureBlock;
import org.precis.natgrad.blocks.DenseKroneckerFactoredBlock;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.listener.KFacListener;

/** The step policy of KFac inside training: weight decay, KL clipping, curvature update period. */
class StepPolicyTest {

    private static final int IN = 4;
    private static final int HIDDEN = 5;
    private static final int CLASSES = 3;
    private static final int BATCH = 8;

    /** Trains one step with a probe after K-FAC's listener; returns each layer's gradient as the updater sees it. */
    private static List<double[]> gradientsSeenByTheUpdater(MultiLayerNetwork net, DataSet data) {
        List<double[]> seen = new ArrayList<>();
        net.addListeners(new BaseTrainingListener() {
            @Override
            public void onGradientCalculation(Model model) {
                seen.add(TinyNets.gradientVector((MultiLayerNetwork) model, 0));
                seen.add(TinyNets.gradientVector((MultiLayerNetwork) model, 1));
            }
        });
        net.fit(data);
        return seen;
    }

    /** @return the mean gradient {@code [dW; db]} of one layer, from DL4J's backprop on an unattached copy */
    private static INDArray meanGradient(MultiLayerNetwork reference, DataSet data, int layer) {
        reference.setInput(data.getFeatures());
        reference.setLabels(data.getLabels());
        reference.computeGradientAndScore();
        INDArray w = reference.gradient().gradientForVariable().get(layer + "_W");
        INDArray b = reference.gradient().gradientForVariable().get(layer + "_b");
        return Nd4j.vstack(w, b.reshape(1, w.columns())).divi(data.numExamples());
    }

    @Test
    void weightDecayIsAddedToTheWeightGradientBeforePreconditioning() {
        double decay = 0.1;
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(
                KFac.builder().weightDecay(decay).klClip(0).build(), IN, HIDDEN, CLASSES));
        MultiLayerNetwork reference = net.clone();
        DataSet data = TinyNets.teacherData(21, BATCH, IN, CLASSES);
        KFacListener kfac = KFacTraining.attach(net);

        List<double[]> seen = gradientsSeenByTheUpdater(net, data);

        for (int layer = 0; layer < 2; layer++) {
            INDArray mean = meanGradient(reference, data, layer);
            INDArray w = reference.getParam(layer + "_W");
            mean.get(NDArrayIndex.interval(0, w.rows()), NDArrayIndex.all()).addi(w.mul(decay));
            INDArray expected = kfac.estimator().layers().get(layer).block().multiplyInverse(mean).muli(BATCH);
            assertThat(seen.get(layer)).containsExactly(Nd4j.toFlattened('c', expected).toDoubleVector(),
                    within(1e-10));
        }
    }

    @Test
    void theKlClipScalesAllLayersByTheSameFactor() {
        // scale = min(1, sqrt(kappa / sum_l lr^2 <N_l, V_l>)) with the mean gradients V_l and natural gradients N_l.
        double kappa = 1e-6;
        double lr = 0.02;
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(
                KFac.builder().learningRate(lr).klClip(kappa).build(), IN, HIDDEN, CLASSES));
        MultiLayerNetwork reference = net.clone();
        DataSet data = TinyNets.teacherData(22, BATCH, IN, CLASSES);
        KFacListener kfac = KFacTraining.attach(net);

        List<double[]> seen = gradientsSeenByTheUpdater(net, data);

        List<INDArray> naturals = new ArrayList<>();
        double sum = 0.0;
        for (int layer = 0; layer < 2; layer++) {
            INDArray mean = meanGradient(reference, data, layer);
            INDArray natural = kfac.estimator().layers().get(layer).block().multiplyInverse(mean);
            sum += lr * lr * natural.mul(mean).sumNumber().doubleValue();
            naturals.add(natural);
        }
        double scale = Math.sqrt(kappa / sum);
        assertThat(scale).isLessThan(1.0);
        for (int layer = 0; layer < 2; layer++) {
            INDArray expected = naturals.get(layer).mul(scale * BATCH);
            assertThat(seen.get(layer)).containsExactly(Nd4j.toFlattened('c', expected).toDoubleVector(),
                    within(1e-10));
        }
    }

    @Test
    void factorsChangeOnlyOnCurvatureStepsAndThenFollowTheMovingAverage() {
        // The first layer's A depends on the data only: A = mean [x, 1][x, 1]^T, checkable exactly across steps.
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(
                KFac.builder().curvatureUpdatePeriod(2).inverseUpdatePeriod(2).factorDecay(0.9).build(),
                IN, HIDDEN, CLASSES));
        KFacListener kfac = KFacTraining.attach(net);
        DataSet[] batches = {TinyNets.teacherData(23, BATCH, IN, CLASSES),
            TinyNets.teacherData(24, BATCH, IN, CLASSES), TinyNets.teacherData(25, BATCH, IN, CLASSES)};
        DenseKroneckerFactoredBlock first = (DenseKroneckerFactoredBlock) kfac.estimator().layers().get(0).block();

        net.fit(batches[0]);
        INDArray afterFirst = first.inputFactor();
        net.fit(batches[1]);
        INDArray afterSecond = first.inputFactor();
        net.fit(batches[2]);

        INDArray a1 = secondMoment(batches[0]);
        INDArray a3 = secondMoment(batches[2]);
        // The same sum of products, in BLAS's order or ND4J's: equal up to rounding. Unchanged by the second step.
        assertThat(afterFirst.sub(a1).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(afterSecond.toDoubleMatrix()).isDeepEqualTo(afterFirst.toDoubleMatrix());
        INDArray expected = a1.mul(0.9).addi(a3.mul(0.1));
        assertThat(first.inputFactor().sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    private static INDArray secondMoment(DataSet data) {
        INDArray x = data.getFeatures();
        INDArray abar = Nd4j.hstack(x, Nd4j.ones(x.dataType(), x.rows(), 1));
        return abar.transpose().mmul(abar).divi(x.rows());
    }

    @Test
    void blocksAreOneCurvatureBlockPerPreconditionedLayerInNetworkOrder() {
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(new KFac(), IN, HIDDEN, CLASSES));
        KFacListener kfac = KFacTraining.attach(net);

        List<CurvatureBlock> blocks = kfac.estimator().layers().stream().map(l -> l.block()).toList();
        assertThat(blocks).extracting(CurvatureBlock::inputSize).containsExactly((long) IN, (long) HIDDEN);
        assertThat(blocks).extracting(CurvatureBlock::outputSize).containsExactly((long) HIDDEN, (long) CLASSES);
    }
}
