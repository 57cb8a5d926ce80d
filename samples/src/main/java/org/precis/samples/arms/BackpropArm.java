package org.precis.samples.arms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.precis.pc.conf.ConvolutionalLevel;

/**
 * Plain backpropagation through a DL4J {@code DenseLayer} stack with ReLU hidden layers and a softmax
 * cross-entropy {@code OutputLayer}, trained by a standard ND4J updater; with a convolutional front
 * ({@link NetworkShape#convolutional()}), ReLU {@code ConvolutionLayer}s each followed by its
 * {@code SubsamplingLayer} come first.
 */
public final class BackpropArm implements Arm {

    private final String name;
    private final String description;
    private final Supplier<IUpdater> updater;

    /**
     * @param name        the arm's command-line name
     * @param description what it trains with, for reports
     * @param updater     makes a fresh updater configuration for each network
     */
    public BackpropArm(String name, String description, Supplier<IUpdater> updater) {
        this.name = name;
        this.description = description;
        this.updater = updater;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("updater", updater.get().toString());
        h.put("hiddenActivation", Activation.RELU.name());
        h.put("weightInit", WeightInit.RELU.name());
        h.put("loss", LossFunctions.LossFunction.MCXENT.name());
        return h;
    }

    @Override
    public MultiLayerNetwork createNetwork(NetworkShape shape, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(shape, seed, updater.get()));
        net.init();
        return net;
    }

    /**
     * The DL4J configuration of the backprop classifier: the baseline other arms are measured against, and the
     * configuration users would start from.
     */
    public static MultiLayerConfiguration configuration(NetworkShape shape, long seed, IUpdater updater) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(WeightInit.RELU)
                .list();
        int in = shape.inputs();
        if (shape.convolutional()) {
            for (ConvolutionalLevel level : shape.convolutions()) {
                layers.layer(new ConvolutionLayer.Builder(level.getKernelSize()).stride(level.getStride())
                        .padding(level.getPadding()).convolutionMode(ConvolutionMode.Truncate)
                        .nOut(level.getChannels()).activation(Activation.RELU).build());
                if (level.getPooling() != ConvolutionalLevel.Pooling.NONE) {
                    layers.layer(new SubsamplingLayer.Builder(level.getPooling() == ConvolutionalLevel.Pooling.MAX
                            ? SubsamplingLayer.PoolingType.MAX : SubsamplingLayer.PoolingType.AVG)
                            .kernelSize(level.getPoolingSize()).stride(level.getPoolingStride())
                            .convolutionMode(ConvolutionMode.Truncate).build());
                }
            }
            int[] image = shape.image();
            layers.setInputType(InputType.convolutionalFlat(image[1], image[2], image[0]));
            int[] flat = shape.flattenedImage();
            in = flat[0] * flat[1] * flat[2];
        }
        for (int size : shape.hidden()) {
            layers.layer(new DenseLayer.Builder().nIn(in).nOut(size).activation(Activation.RELU).build());
            in = size;
        }
        layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(in).nOut(shape.classes())
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build());
        return layers.build();
    }
}
