package org.precis.samples.natgrad;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The deep auto-encoder of Hinton and Salakhutdinov (2006) used as a K-FAC benchmark by Martens and Grosse (2015):
 * encoder {@code inputs -> 1000 -> 500 -> 250 -> 30} and its mirror image as decoder.
 *
 * <p>Hidden layers are logistic (sigmoid) and the code layer is linear, as in the original. The output is linear
 * with squared error (Martens and Grosse used logistic outputs with cross-entropy; K-FAC here supports identity +
 * MSE and softmax + cross-entropy outputs, so the squared-error form keeps every layer preconditioned).
 */
public final class DeepAutoencoder {

    /** Encoder sizes of the original benchmark, bottom first; the last is the linear code layer. */
    public static final int[] ENCODER_SIZES = {1000, 500, 250, 30};

    /** Activation of every hidden layer but the code layer. */
    public static final Activation HIDDEN_ACTIVATION = Activation.SIGMOID;

    private DeepAutoencoder() {
    }

    /**
     * The configuration {@code inputs -> encoder... -> decoder (mirror) -> inputs}.
     *
     * @param inputs  input (and output) width
     * @param encoder encoder sizes, bottom first, the last one the code size
     * @param updater updater of every layer
     * @param seed    weight-initialisation seed
     */
    public static MultiLayerConfiguration configuration(int inputs, int[] encoder, IUpdater updater, long seed) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .list();
        int in = inputs;
        for (int i = 0; i < encoder.length; i++) {
            boolean code = i == encoder.length - 1;
            layers.layer(new DenseLayer.Builder().nIn(in).nOut(encoder[i])
                    .activation(code ? Activation.IDENTITY : HIDDEN_ACTIVATION).build());
            in = encoder[i];
        }
        for (int i = encoder.length - 2; i >= 0; i--) {
            layers.layer(new DenseLayer.Builder().nIn(in).nOut(encoder[i]).activation(HIDDEN_ACTIVATION).build());
            in = encoder[i];
        }
        layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(in).nOut(inputs)
                .activation(Activation.IDENTITY).build());
        return layers.build();
    }
}
