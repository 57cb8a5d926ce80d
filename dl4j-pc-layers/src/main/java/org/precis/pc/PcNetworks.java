package org.precis.pc;

import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;

/**
 * Ready-made predictive-coding networks, in particular the two arms of the {@code compare} experiment:
 * <ul>
 *   <li>{@code pc}: {@link #supervisedMlp(int, int[], int, PrecisionForm, IUpdater, long)} with
 *       {@link PrecisionForm#NONE}: categorical (softmax + cross-entropy) top, no precision anywhere;</li>
 *   <li>{@code pc-precision}: the same with {@link PrecisionForm#DIAGONAL}: learned diagonal precision on every
 *       hidden level and a Gaussian top (identity output) with its own learned diagonal output precision.</li>
 * </ul>
 * A 784-256-256-10 PC network with T = 20 relaxation steps:
 * <pre>{@code
 * MultiLayerNetwork net = new MultiLayerNetwork(
 *         PcNetworks.supervisedMlp(784, new int[] {256, 256}, 10, PrecisionForm.NONE, new Adam(1e-3), 42));
 * net.init();   // T defaults to 20; use supervisedMlpLayer(...).relaxationSteps(t) to change it
 * }</pre>
 * Both arms use tanh hidden levels ({@link #HIDDEN_ACTIVATION}), Xavier weights and the state rate
 * {@link #STATE_RATE}; every option not named here keeps its documented default of
 * {@link PredictiveCodingOutputLayer.Builder}.
 */
public final class PcNetworks {

    /** Name of the compare arm without precision. */
    public static final String ARM_PC = "pc";
    /** Name of the compare arm with learned diagonal precision, output precision included. */
    public static final String ARM_PC_PRECISION = "pc-precision";
    /**
     * State rate of the factory networks, well below the layer's general default
     * ({@link PredictiveCodingOutputLayer#DEFAULT_STATE_RATE}). On Fashion-MNIST (784-256-256-10, T = 20, Adam
     * 1e-3, batch 128, 10 epochs, one seed; BP with Adam on the same MLP: 88.4%) the {@value #ARM_PC} arm reached
     * 82.0% / 86.7% / 88.2% at state rates 0.1 / 0.03 / 0.01, and {@value #ARM_PC_PRECISION} 86.0% / 87.9% / about
     * 88% at 0.1 / 0.03 / 0.01. At 0.1 relaxation moved the hidden values so far that the top error vanished and
     * learning drifted; a small eta T keeps the relaxed errors close to the backpropagated ones.
     */
    public static final double STATE_RATE = 0.01;
    /** Activation of the hidden levels in the factory networks. */
    public static final Activation HIDDEN_ACTIVATION = Activation.TANH;
    /**
     * Variance floor of the factory networks with precision: 1, the initial variance, so learned precisions can
     * only discount a level (Pi &lt;= I). Relaxation is stable while eta (Pi_l + ||J_{l+1}||^2 Pi_{l+1}) stays
     * below 2; hidden errors are small, so their learned precision would otherwise climb to any lower floor and,
     * through the coupling term, destabilise relaxation (observed on Fashion-MNIST: energy rising during
     * relaxation and accuracy collapsing to chance within two epochs with a floor of 0.1). With Pi &lt;= I the
     * dynamics are bounded by those of the arm without precision.
     */
    public static final double PRECISION_VARIANCE_FLOOR = 1.0;

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
                .stateRate(STATE_RATE)
                .updater(updater)
                .weightInit(WeightInit.XAVIER);
        if (precision == PrecisionForm.NONE) {
            return b.topEnergy(TopEnergy.CATEGORICAL).activation(Activation.SOFTMAX);
        }
        return b.topEnergy(TopEnergy.GAUSSIAN)
                .activation(Activation.IDENTITY)
                .hiddenPrecision(precision)
                .outputPrecision(precision)
                .varianceFloor(PRECISION_VARIANCE_FLOOR);
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

    /**
     * The configuration of a named compare arm: {@value #ARM_PC} or {@value #ARM_PC_PRECISION}.
     *
     * @param arm arm name
     * @param nIn input size
     * @param hidden hidden level sizes
     * @param nOut number of classes
     * @param updater updater of all parameters
     * @param seed random seed
     * @return the configuration
     * @throws IllegalArgumentException for any other arm name
     */
    public static MultiLayerConfiguration compareArm(String arm, int nIn, int[] hidden, int nOut, IUpdater updater,
            long seed) {
        switch (arm.toLowerCase(Locale.ROOT)) {
            case ARM_PC:
                return supervisedMlp(nIn, hidden, nOut, PrecisionForm.NONE, updater, seed);
            case ARM_PC_PRECISION:
                return supervisedMlp(nIn, hidden, nOut, PrecisionForm.DIAGONAL, updater, seed);
            default:
                throw new IllegalArgumentException("Unknown PC arm \"" + arm + "\": expected " + ARM_PC + " or "
                        + ARM_PC_PRECISION);
        }
    }
}
