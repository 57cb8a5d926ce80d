package org.precis.examples;

import java.io.File;
import java.io.IOException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.TrainTestData;
import org.precis.data.fashion.FashionMnist;
import org.precis.pc.convert.PcConversions;

/**
 * Trains an existing DL4J configuration ({@code DenseLayer}s + {@code OutputLayer}) by predictive coding instead of
 * backpropagation, then exports the trained network as a plain DL4J network (same weights, same output) that runs
 * without this library.
 */
public final class ConvertExistingNetwork {

    private ConvertExistingNetwork() {
    }

    /** @param args optional: where to save the exported network (default exported-mlp.zip) */
    public static void main(String[] args) throws IOException {
        TrainTestData data = FashionMnist.load();   // sudo apt-get install dataset-fashion-mnist
        MultiLayerNetwork plain = run(data, 3);
        ModelSerializer.writeModel(plain, new File(args.length > 0 ? args[0] : "exported-mlp.zip"), false);
        System.out.println(plain.evaluate(new ShuffledDataSetIterator(data.test(), 1000, false, 0)).stats());
    }

    /** The configuration an existing program already has: a 784-256-256-10 ReLU MLP trained by Adam. */
    static MultiLayerConfiguration existingConfiguration() {
        return new NeuralNetConfiguration.Builder().seed(42).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(256).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(256).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    /**
     * @param data   images with one-hot labels
     * @param epochs passes over the training images
     * @return the PC-trained network exported as DenseLayers + OutputLayer
     */
    public static MultiLayerNetwork run(TrainTestData data, int epochs) {
        // tag::convert[]
        MultiLayerConfiguration pcConf = PcConversions.toPredictiveCoding(existingConfiguration(),
                pc -> pc.relaxationSteps(20).stateRate(0.01));   // any PC option, on the prefilled builder
        MultiLayerNetwork pcNet = new MultiLayerNetwork(pcConf);
        pcNet.init();
        pcNet.fit(new ShuffledDataSetIterator(data.train(), 128, true, 42), epochs);

        MultiLayerNetwork plain = PcConversions.toStandardNetwork(pcNet);   // same parameters, same output
        // end::convert[]
        return plain;
    }
}
