package org.precis.samples.autoencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.AutoEncoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.fashion.FashionMnist;
import org.precis.pc.conf.GenerativeStart;
import org.precis.pc.layers.GenerativePcLayerImpl;

/** Each model's levels, embeddings and reconstructions against an independent computation of the same thing. */
class ModelsTest {

    private static final int[] SIZES = {12, 5};

    private static ModelSettings settings() {
        return new ModelSettings(784, SIZES, 1e-3, 3, pc(10));
    }

    /** The layer's defaults with {@code steps} relaxation steps. */
    private static PcModelSettings pc(int steps) {
        PcModelSettings d = PcModelSettings.defaults();
        return new PcModelSettings(steps, d.stateRate(), d.stepBound(), d.tolerance(), d.dataPrecision(),
                d.latentPrecision(), d.estimator(), d.damping(), d.varianceFloor());
    }

    private static INDArray images(int n) {
        return FashionMnist.fixture().test().getFeatures().get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
    }

    private static double mse(INDArray a, INDArray b) {
        return Transforms.pow(a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)), 2).meanNumber().doubleValue();
    }

    @Test
    void everyModelEmbedsAtEveryLevelWithThatLevelsSize() {
        INDArray x = images(7);
        for (ModelKind kind : ModelKind.values()) {
            AutoencoderModel m = kind.create(settings());
            INDArray[] e = m.embed(x);
            assertThat(e).as(kind.optionName()).hasSize(2);
            assertThat(e[0].shape()).containsExactly(7, 12);
            assertThat(e[1].shape()).containsExactly(7, 5);
            assertThat(m.reconstructFrom(e[1], 2).shape()).containsExactly(7, 784);
            assertThat(m.name()).isEqualTo(kind.optionName());
        }
    }

    @Test
    void pcReconstructionFromTheTopIsTheLayersOwnReconstruction() {
        // GenerativePcLayerImpl.reconstruct relaxes the latents itself and sweeps down from the top.
        INDArray x = images(6);
        PcModel pc = new PcModel(settings(), GenerativeStart.PRIOR);
        GenerativePcLayerImpl layer = pc.layerForTests();
        INDArray[] e = pc.embed(x);

        assertThat(pc.reconstructFrom(e[1], 2).sub(layer.reconstruct(x)).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(pc.reconstructFrom(e[0], 1).sub(layer.reconstruct(x, 1)).amaxNumber().doubleValue())
                .isLessThan(1e-5);
    }

    @Test
    void theVaeCodeIsWhatDl4jsVaeLayerOutputs() {
        // DL4J's VariationalAutoencoder.activate returns the mean of q(z | x).
        INDArray x = images(5);
        VaeModel vae = new VaeModel(settings());

        INDArray top = vae.embed(x)[1];

        assertThat(top.sub(vae.networkForTests().output(x)).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(vae.reconstructsFrom(1)).isFalse();
        assertThatThrownBy(() -> vae.reconstructFrom(vae.embed(x)[0], 1)).hasMessageContaining("level 2");
    }

    @Test
    void theAutoencoderDecodesWithItsTiedWeights() {
        // Level 1: y = sigmoid(x W + hb), reconstruction sigmoid(y W^T + vb), from the layer's own parameters.
        INDArray x = images(4);
        StackedAutoencoderModel ae = new StackedAutoencoderModel(settings());
        INDArray w = ae.levelForTests(0).getLayer(0).getParam("W");
        INDArray hb = ae.levelForTests(0).getLayer(0).getParam("b");
        INDArray vb = ae.levelForTests(0).getLayer(0).getParam("vb");
        INDArray y = Transforms.sigmoid(x.mmul(w).addRowVector(hb));
        INDArray expected = Transforms.sigmoid(y.mmul(w.transpose()).addRowVector(vb));

        INDArray[] e = ae.embed(x);

        assertThat(e[0].sub(y).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(ae.reconstructFrom(e[0], 1).sub(expected).amaxNumber().doubleValue()).isLessThan(1e-5);
    }

    @Test
    void dl4jsAutoencoderClimbsItsLossUnderAPositiveRateWhichIsWhyTheStackNegatesIt() {
        // Pins the DL4J 1.0.0-M2.1 behaviour StackedAutoencoderModel works around: if DL4J fixes the sign of its
        // AutoEncoder gradient, this test fails and the negated learning rate must go.
        INDArray x = FashionMnist.fixture().train().getFeatures();
        MultiLayerNetwork plain = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).updater(new Adam(1e-3)).list()
                .layer(new AutoEncoder.Builder().nIn(784).nOut(32).activation(Activation.SIGMOID)
                        .lossFunction(LossFunctions.LossFunction.XENT).corruptionLevel(0.0).build())
                .build());
        plain.init();
        var layer = (org.deeplearning4j.nn.layers.feedforward.autoencoder.AutoEncoder) plain.getLayer(0);
        var noWs = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        double before = mse(layer.decode(layer.encode(x, false, noWs), noWs), x);
        plain.pretrain(new ShuffledDataSetIterator(new DataSet(x, x), 100, true, 1), 2);
        double after = mse(layer.decode(layer.encode(x, false, noWs), noWs), x);
        assertThat(after).isGreaterThan(before);

        StackedAutoencoderModel ae = new StackedAutoencoderModel(new ModelSettings(784, new int[] {32, 8}, 1e-3, 1,
                pc(1)));
        double stackBefore = mse(ae.reconstructFrom(ae.embed(x)[0], 1), x);
        ae.trainEpoch(new ShuffledDataSetIterator(new DataSet(x, x), 100, true, 1));
        ae.trainEpoch(new ShuffledDataSetIterator(new DataSet(x, x), 100, true, 1));
        assertThat(mse(ae.reconstructFrom(ae.embed(x)[0], 1), x)).isLessThan(0.8 * stackBefore);
    }
}
