package org.precis.pc.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.testutil.Blobs;

/** One call swaps an MLP configuration to PC, and one call exports PC-trained weights as a plain network. */
class PcConversionsTest {

    private static MultiLayerConfiguration mlp() {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new Adam(0.02)).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(7).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(7).nOut(5).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    @Test
    void anMlpConfigurationBecomesOnePcLayerWithTheSameSizesActivationsAndUpdater() {
        MultiLayerConfiguration pcConf = PcConversions.toPredictiveCoding(mlp(),
                b -> b.relaxationSteps(9).hiddenPrecision(PrecisionForm.SCALAR));
        assertThat(pcConf.getConfs()).hasSize(1);
        PredictiveCodingOutputLayer pc = (PredictiveCodingOutputLayer) pcConf.getConf(0).getLayer();
        assertThat(pc.getNIn()).isEqualTo(6);
        assertThat(pc.getHiddenLayerSizes()).containsExactly(7, 5);
        assertThat(pc.getNOut()).isEqualTo(3);
        assertThat(pc.getHiddenActivations()[0]).isInstanceOf(ActivationReLU.class);
        assertThat(pc.getHiddenActivations()[1]).isInstanceOf(ActivationSigmoid.class);
        assertThat(pc.getTopEnergy()).isEqualTo(TopEnergy.CATEGORICAL);
        assertThat(pc.getIUpdater()).isEqualTo(new Adam(0.02));
        assertThat(pc.getRelaxationSteps()).isEqualTo(9);
        assertThat(pc.levelPrecision(1)).isEqualTo(PrecisionForm.SCALAR);
        assertThat(pcConf.getDataType()).isEqualTo(DataType.DOUBLE);
    }

    @Test
    void layersBeforeTheDenseStackAreKept() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(5, 5, 1))
                .build();
        MultiLayerConfiguration pcConf = PcConversions.toPredictiveCoding(conf, b -> b);
        assertThat(pcConf.getConfs()).hasSize(2);
        assertThat(pcConf.getConf(0).getLayer()).isInstanceOf(ConvolutionLayer.class);
        PredictiveCodingOutputLayer pc = (PredictiveCodingOutputLayer) pcConf.getConf(1).getLayer();
        assertThat(pc.getNIn()).isEqualTo(18);
        assertThat(pc.getTopEnergy()).isEqualTo(TopEnergy.GAUSSIAN);
        assertThat(pcConf.getInputPreProcess(1)).isNotNull();
        MultiLayerNetwork net = new MultiLayerNetwork(pcConf);
        net.init();
        assertThat(net.output(Nd4j.rand(DataType.FLOAT, 4, 1, 5, 5)).shape()).containsExactly(4, 2);
    }

    @Test
    void aTrainedPcNetworkExportsToAPlainNetworkWithEqualOutput() {
        MultiLayerNetwork pcNet = new MultiLayerNetwork(PcConversions.toPredictiveCoding(mlp(), b -> b));
        pcNet.init();
        DataSet data = Blobs.make(60, 6, 3, 4, DataType.DOUBLE);
        for (int i = 0; i < 5; i++) {
            pcNet.fit(data);
        }
        MultiLayerNetwork plain = PcConversions.toStandardNetwork(pcNet);
        assertThat(plain.getnLayers()).isEqualTo(3);
        assertThat(plain.getLayer(0).conf().getLayer()).isInstanceOf(DenseLayer.class);
        INDArray expected = pcNet.output(data.getFeatures());
        INDArray actual = plain.output(data.getFeatures());
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    @Test
    void aConfigurationWithoutOutputLayerIsRejected() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(3).build()).build();
        assertThatThrownBy(() -> PcConversions.toPredictiveCoding(conf, b -> b))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OutputLayer");
    }
}
