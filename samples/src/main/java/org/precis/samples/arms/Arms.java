package org.precis.samples.arms;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.updaters.JavaAdam;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.WeightPreconditioner;

/**
 * The registry of arms by command-line name. The <em>standard</em> arms, run when {@code --arms} names none, are
 * the five of the paper's comparison: {@code bp-sgd}, {@code bp-adam}, {@code kfac}, {@code pc},
 * {@code pc-precision}. Extra arms, run only when named, serve the optimizer benchmarks: {@code bp-momentum}
 * (SGD with Nesterov momentum), {@code kfac-10-100} (K-FAC with factors every 10 and inverses every 100
 * steps) and {@code kfac-adaptive} (K-FAC's adaptive mode with its defaults: damping by the Levenberg-Marquardt rule,
 * learning rate and momentum from the quadratic model). The convolutional arms {@code bp-adam-conv},
 * {@code kfac-conv} and {@code pc-conv} train {@link Architecture#CONV} only ({@code --arch conv}, where they are the
 * default). Learning rates are the usual defaults for an MLP on (Fashion-)MNIST at batch 128 (K-FAC uses
 * {@link KFac}'s defaults), fixed here so that every experiment compares the same arms.
 */
public final class Arms {

    /** Learning rate of {@code bp-sgd} (plain SGD, no momentum). */
    public static final double SGD_LEARNING_RATE = 0.1;

    /** Learning rate of {@code bp-adam} (Adam's other settings are ND4J's defaults). */
    public static final double ADAM_LEARNING_RATE = 1e-3;

    /** Learning rate of the PC arms' Adam updater (weights, biases and precisions). */
    public static final double PC_LEARNING_RATE = 1e-3;

    /** Learning rate of {@code pc-momentum} and {@code pc-precision-momentum} (SGD with Nesterov momentum). */
    public static final double PC_MOMENTUM_LEARNING_RATE = 0.01;

    /** Learning rate of {@code pc-natgrad} (SGD with Nesterov momentum on the natural gradient). */
    public static final double PC_NATGRAD_LEARNING_RATE = 0.01;

    /** Learning rate of {@code bp-momentum}. */
    public static final double MOMENTUM_LEARNING_RATE = 0.01;

    /** Nesterov momentum of {@code bp-momentum}. */
    public static final double MOMENTUM = 0.9;

    /** Curvature (factor) update period of {@code kfac-10-100}. */
    public static final int SPARSE_KFAC_CURVATURE_PERIOD = 10;

    /** Inverse update period of {@code kfac-10-100}. */
    public static final int SPARSE_KFAC_INVERSE_PERIOD = 100;

    /**
     * Curvature (factor) update period of {@code kfac-conv}: KFC's patch factor of the second convolution costs
     * about 4.5 forward passes of that layer, so it is refreshed every 10 steps, as kfac-pytorch's default for
     * convolutional networks.
     */
    public static final int CONV_KFAC_CURVATURE_PERIOD = 10;

    /** Inverse update period of {@code kfac-conv} (kfac-pytorch's default for convolutional networks). */
    public static final int CONV_KFAC_INVERSE_PERIOD = 100;

    /**
     * Relaxation steps T of {@code pc-conv}: enough for the top error to reach the first convolutional level (three
     * levels down) several times over, at half the cost of the MLP arms' 20.
     */
    public static final int PC_CONV_STEPS = 10;

    /**
     * State rate of {@code pc-conv}: eta T = 0.2, as the MLP arms' 0.01 x 20, so the relaxed errors stay close to the
     * backpropagated ones (on 150 batches of Fashion-MNIST: 85.5% test accuracy, bp-adam-conv 85.6%).
     */
    public static final double PC_CONV_STATE_RATE = 0.02;

    private static final Map<String, Arm> ARMS = new LinkedHashMap<>();
    private static final List<String> STANDARD = new ArrayList<>();
    private static final List<String> CONVOLUTIONAL = new ArrayList<>();

    static {
        register(new BackpropArm("bp-sgd", "backpropagation, plain SGD (lr " + SGD_LEARNING_RATE + ")",
                () -> new Sgd(SGD_LEARNING_RATE)));
        register(new BackpropArm("bp-adam", "backpropagation, Adam (lr " + ADAM_LEARNING_RATE + ")",
                () -> adam(ADAM_LEARNING_RATE)));
        register(new KFacArm(KFacArm.NAME, new KFac()));
        register(new PcArm(PcArm.PC, "no precision", PrecisionForm.NONE, () -> adam(PC_LEARNING_RATE),
                b -> b));
        register(new PcArm(PcArm.PC_PRECISION, "diagonal precision (running moments) on every level",
                PrecisionForm.DIAGONAL, () -> adam(PC_LEARNING_RATE), b -> b));
        STANDARD.addAll(ARMS.keySet());
        register(new PcArm(PcArm.PC_MOMENTUM, "no precision", PrecisionForm.NONE,
                () -> new Nesterovs(PC_MOMENTUM_LEARNING_RATE, MOMENTUM), b -> b));
        register(new PcArm(PcArm.PC_PRECISION_MOMENTUM, "diagonal precision (running moments) on every level",
                PrecisionForm.DIAGONAL, () -> new Nesterovs(PC_MOMENTUM_LEARNING_RATE, MOMENTUM), b -> b));
        register(new PcArm(PcArm.PC_NATGRAD, "Kronecker-factored weight steps, full output precision as their G"
                + " side", PrecisionForm.FULL, () -> new Nesterovs(PC_NATGRAD_LEARNING_RATE, MOMENTUM),
                b -> b.hiddenPrecision(PrecisionForm.NONE).weightPreconditioner(WeightPreconditioner.KRONECKER)));
        register(new BackpropArm("bp-momentum", "backpropagation, SGD with Nesterov momentum " + MOMENTUM + " (lr "
                + MOMENTUM_LEARNING_RATE + ")", () -> new Nesterovs(MOMENTUM_LEARNING_RATE, MOMENTUM)));
        register(new KFacArm("kfac-10-100", KFac.builder().curvatureUpdatePeriod(SPARSE_KFAC_CURVATURE_PERIOD)
                .inverseUpdatePeriod(SPARSE_KFAC_INVERSE_PERIOD).build()));
        register(new KFacArm(KFacArm.ADAPTIVE_NAME, KFac.builder().adaptive(true).build()));
        registerConvolutional(new BackpropArm("bp-adam-conv", "backpropagation through the convolutional network, "
                + "Adam (lr " + ADAM_LEARNING_RATE + ")", () -> adam(ADAM_LEARNING_RATE)));
        registerConvolutional(new KFacArm("kfac-conv", KFac.builder().curvatureUpdatePeriod(CONV_KFAC_CURVATURE_PERIOD)
                .inverseUpdatePeriod(CONV_KFAC_INVERSE_PERIOD).build()));
        // ReLU levels with ReLU (He) initialisation: the feed-forward network is bp-adam-conv's, only learning differs.
        registerConvolutional(new PcArm("pc-conv", "convolutional levels, ReLU, no precision, T = " + PC_CONV_STEPS
                + ", state rate " + PC_CONV_STATE_RATE, PrecisionForm.NONE, () -> adam(PC_LEARNING_RATE),
                b -> b.hiddenActivation(Activation.RELU).weightInit(WeightInit.RELU).relaxationSteps(PC_CONV_STEPS)
                        .stateRate(PC_CONV_STATE_RATE)));
    }

    private static void registerConvolutional(Arm arm) {
        register(new ConvolutionalArm(arm));
        CONVOLUTIONAL.add(arm.name());
    }

    private Arms() {
    }

    /**
     * The Adam of every Adam arm: ND4J's Adam computed by {@link JavaAdam}'s Java loop, the same update to float
     * rounding in an eighth of the time of ND4J's native op (configurations found by a search carry the Adam they
     * were searched with).
     */
    private static IUpdater adam(double learningRate) {
        return new JavaAdam(learningRate);
    }

    private static void register(Arm arm) {
        ARMS.put(arm.name(), arm);
    }

    /** Names of the standard arms (run when none are named), in registration order. */
    public static List<String> names() {
        return Collections.unmodifiableList(STANDARD);
    }

    /** Names of the convolutional arms (run by default with {@code --arch conv}), in registration order. */
    public static List<String> convolutionalNames() {
        return Collections.unmodifiableList(CONVOLUTIONAL);
    }

    /** Names of all registered arms, standard first. */
    public static List<String> allNames() {
        return Collections.unmodifiableList(new ArrayList<>(ARMS.keySet()));
    }

    /**
     * The arm of that name.
     *
     * @throws IllegalArgumentException naming the valid arms when there is none of that name
     */
    public static Arm byName(String name) {
        Arm arm = ARMS.get(name);
        if (arm == null) {
            throw new IllegalArgumentException("unknown arm '" + name + "'; valid arms: " + String.join(", ", allNames()));
        }
        return arm;
    }
}
