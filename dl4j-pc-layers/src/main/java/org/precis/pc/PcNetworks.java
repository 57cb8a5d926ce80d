package org.precis.pc;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;

/**
 * Ready-made supervised predictive-coding networks: a multilayer perceptron {@code nIn -> hidden... -> nOut} as one
 * {@link PredictiveCodingOutputLayer}, either without precision (categorical softmax top) or with a learned precision
 * on every level (Gaussian top with its own learned output precision, so the network can discount noisy labels).
 * A 784-256-256-10 PC network with T = 20 relaxation steps:
 * <pre>{@code
 * MultiLayerNetwork net = new MultiLayerNetwork(
 *         PcNetworks.supervisedMlp(784, new int[] {256, 256}, 10, PrecisionForm.NONE, new Adam(1e-3), 42));
 * net.init();   // T defaults to 20; use supervisedMlpLayer(...).relaxationSteps(t) to change it
 * }</pre>
 * Hidden levels use {@link #HIDDEN_ACTIVATION} and weights Xavier initialisation; every other option keeps its documented default of
 * {@link PredictiveCodingOutputLayer.Builder}.
 */
public final class PcNetworks {

    /** Activation of the hidden levels of the factory networks. */
    public static final Activation HIDDEN_ACTIVATION = Activation.TANH;

    private PcNetworks() {
    }

    /**
     * The PC layer of {@link #supervisedMlp}, as a builder the caller may adjust (relaxation steps, state rate...).
     *
     * @param nIn input size
     * @param hidden hidden level sizes, bottom first (may be empty)
     * @param nOut number of classes
     * @param precision {@link PrecisionForm#NONE} for a categorical top without precision; any other form for
     *     that precision on every hidden level and a Gaussian top with the same output precision form
     * @param updater updater of weights, biases and precisions
     * @return the layer builder
     */
    public static PredictiveCodingOutputLayer.Builder supervisedMlpLayer(int nIn, int[] hidden, int nOut,
            PrecisionForm precision, IUpdater updater) {
        PredictiveCodingOutputLayer.Builder b = new PredictiveCodingOutputLayer.Builder()
                .nIn(nIn)
                .hiddenLayerSizes(hidden)
                .nOut(nOut)
                .hiddenActivation(HIDDEN_ACTIVATION)
                .updater(updater)
                .weightInit(WeightInit.XAVIER);
        if (precision == PrecisionForm.NONE) {
            return b.topEnergy(TopEnergy.CATEGORICAL).activation(Activation.SOFTMAX);
        }
        return b.topEnergy(TopEnergy.GAUSSIAN)
                .activation(Activation.IDENTITY)
                .hiddenPrecision(precision)
                .outputPrecision(precision);
    }

    /**
     * A network whose single layer is a supervised PC hierarchy {@code nIn -> hidden... -> nOut}.
     *
     * @param nIn input size
     * @param hidden hidden level sizes, bottom first (may be empty)
     * @param nOut number of classes
     * @param precision see {@link #supervisedMlpLayer}
     * @param updater updater of all parameters
     * @param seed random seed of the weight initialisation
     * @return the configuration (float32)
     */
    public static MultiLayerConfiguration supervisedMlp(int nIn, int[] hidden, int nOut, PrecisionForm precision,
            IUpdater updater, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .list()
                .layer(supervisedMlpLayer(nIn, hidden, nOut, precision, updater).build())
                .build();
    }
}
