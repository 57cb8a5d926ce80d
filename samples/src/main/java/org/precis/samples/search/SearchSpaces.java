package org.precis.samples.search;

import java.util.List;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.conf.updater.NesterovsSpace;
import org.deeplearning4j.arbiter.conf.updater.SgdSpace;
import org.deeplearning4j.arbiter.layers.ConvolutionLayerSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.layers.SubsamplingLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.precis.arbiter.EnumSpace;
import org.precis.arbiter.natgrad.KFacSpace;
import org.precis.arbiter.pc.PredictiveCodingOutputLayerSpace;
import org.precis.pc.PcNetworks;
import org.precis.pc.conf.ConvolutionalLevel;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.conf.WeightPreconditioner;
import org.precis.samples.arms.Arms;
import org.precis.samples.arms.KFacArm;
import org.precis.samples.arms.NetworkShape;
import org.precis.samples.arms.PcArm;

/**
 * The search space of each searchable arm, on the arm's own architecture ({@code BackpropArm} for
 * {@code bp-sgd}, {@code bp-adam} and {@code kfac}, {@code PcNetworks} for the PC arms) with the experiment's
 * hidden sizes. Ranges are centred on each arm's defaults in {@code Arms} and span them by about an order of
 * magnitude either way (log-uniform for rates); they are constants here so that a report can quote them.
 *
 * <p>Every PC arm searches its learning rate, relaxation steps and state rate; {@code pc-precision} also its
 * precision forms and the running-moment estimator's damping, decay and initial value; {@code pc-natgrad} also the
 * Kronecker step's damping and KL clip, over K-FAC's own ranges, since they play the same part there. The
 * arms trained with SGD and momentum ({@code pc-momentum}, {@code pc-precision-momentum}, {@code pc-natgrad}) keep
 * the momentum of {@link Arms#MOMENTUM}, as {@code kfac}'s searched momentum is the only one the baselines search.
 */
public final class SearchSpaces {

    /** Arm searched with plain SGD on the backprop MLP. */
    public static final String BP_SGD = "bp-sgd";
    /** Arm searched with Adam on the backprop MLP. */
    public static final String BP_ADAM = "bp-adam";
    /** Arm searched with Adam on the convolutional backprop network ({@code --arch conv}). */
    public static final String BP_ADAM_CONV = "bp-adam-conv";
    /** Arm searched with K-FAC (KFC for the convolutions) on the convolutional network ({@code --arch conv}). */
    public static final String KFAC_CONV = "kfac-conv";
    /** Arm searched as PC with convolutional levels ({@code --arch conv}). */
    public static final String PC_CONV = "pc-conv";
    /** Arms {@code search} accepts, in order. */
    public static final List<String> ARMS = List.of(BP_SGD, BP_ADAM, KFacArm.NAME, PcArm.PC,
            PcArm.PC_PRECISION, KFacArm.ADAPTIVE_NAME, PcArm.PC_MOMENTUM, PcArm.PC_PRECISION_MOMENTUM, PcArm.PC_NATGRAD,
            BP_ADAM_CONV, KFAC_CONV, PC_CONV);

    /** Plain SGD learning rate range of bp-sgd, log-uniform; centred on the arm's default 0.1. */
    public static final double SGD_LR_MIN = 1e-2;
    /** Upper end of the SGD learning rate range. */
    public static final double SGD_LR_MAX = 1.0;
    /** Adam learning rate range (bp-adam and both PC arms), log-uniform. */
    public static final double ADAM_LR_MIN = 1e-4;
    /** Upper end of the Adam learning rate range. */
    public static final double ADAM_LR_MAX = 1e-2;
    /** L2 weight decay range of bp-sgd and bp-adam, log-uniform. */
    public static final double L2_MIN = 1e-6;
    /** Upper end of the L2 range. */
    public static final double L2_MAX = 1e-3;
    /** K-FAC learning rate range, log-uniform (default 0.02). */
    public static final double KFAC_LR_MIN = 2e-3;
    /** Upper end of the K-FAC learning rate range. */
    public static final double KFAC_LR_MAX = 0.2;
    /** K-FAC momentum range, uniform (default 0.9). */
    public static final double MOMENTUM_MIN = 0.0;
    /** Upper end of the momentum range. */
    public static final double MOMENTUM_MAX = 0.95;
    /** K-FAC damping range, log-uniform (default 1e-3). */
    public static final double DAMPING_MIN = 1e-4;
    /** Upper end of the damping range. */
    public static final double DAMPING_MAX = 3e-2;
    /** K-FAC factor decay range, uniform (default 0.95). */
    public static final double DECAY_MIN = 0.8;
    /** Upper end of the factor decay range. */
    public static final double DECAY_MAX = 0.99;
    /** K-FAC curvature update period range in steps (default 1). */
    public static final int CURVATURE_PERIOD_MIN = 1;
    /** Upper end of the curvature period range. */
    public static final int CURVATURE_PERIOD_MAX = 3;
    /** K-FAC inverse period range in curvature periods (default 10 steps). */
    public static final int INVERSE_MULTIPLE_MIN = 2;
    /** Upper end of the inverse period multiple range. */
    public static final int INVERSE_MULTIPLE_MAX = 20;
    /** K-FAC KL clip range, log-uniform (default 1e-3). */
    public static final double KL_CLIP_MIN = 1e-4;
    /** Upper end of the KL clip range. */
    public static final double KL_CLIP_MAX = 1e-2;
    /** Adaptive K-FAC initial damping range, log-uniform (default 1e-3). */
    public static final double INITIAL_DAMPING_MIN = 1e-4;
    /** Upper end of the initial damping range. */
    public static final double INITIAL_DAMPING_MAX = 1e-1;
    /** Adaptive K-FAC damping adaptation period range in steps (default 5). */
    public static final int DAMPING_PERIOD_MIN = 1;
    /** Upper end of the damping adaptation period range. */
    public static final int DAMPING_PERIOD_MAX = 20;
    /** PC relaxation steps range (default 20). */
    public static final int STEPS_MIN = 5;
    /** Upper end of the relaxation steps range. */
    public static final int STEPS_MAX = 30;
    /**
     * Learning rate range of the PC arms trained with SGD and Nesterov momentum ({@code pc-momentum},
     * {@code pc-precision-momentum}), log-uniform around their default 0.01: wider below than above, because a
     * learned output precision of 10 to 40 multiplies the top error, and with it SGD's step, by as much.
     */
    public static final double PC_MOMENTUM_LR_MIN = 1e-4;
    /** Upper end of the PC momentum learning rate range. */
    public static final double PC_MOMENTUM_LR_MAX = 0.3;
    /** PC state rate range, log-uniform; it brackets the factory arms' {@link PredictiveCodingOutputLayer#DEFAULT_STATE_RATE}. */
    public static final double STATE_RATE_MIN = 0.005;
    /** Upper end of the state rate range of pc. */
    public static final double STATE_RATE_MAX = 0.3;
    /**
     * Initial precision range of pc-precision, log-uniform (default 1). With running moments it only sets where
     * the estimate starts (forgotten within a few dozen batches at decay 0.95); its upper end stays below
     * 1 / {@link #PRECISION_DAMPING_MAX}, which the layer requires.
     */
    public static final double INITIAL_PRECISION_MIN = 0.3;
    /** Upper end of the initial precision range. */
    public static final double INITIAL_PRECISION_MAX = 30;
    /**
     * Damping range of the running-moment precision estimator, log-uniform around the layer's default
     * ({@link PredictiveCodingOutputLayer#DEFAULT_PRECISION_DAMPING}): precisions capped between 100 and 10,000.
     */
    public static final double PRECISION_DAMPING_MIN = 1e-4;
    /** Upper end of the precision damping range. */
    public static final double PRECISION_DAMPING_MAX = 1e-2;
    /** Decay range of the running moments, uniform; K-FAC's factor decay range (default 0.95). */
    public static final double PRECISION_DECAY_MIN = DECAY_MIN;
    /** Upper end of the precision decay range. */
    public static final double PRECISION_DECAY_MAX = DECAY_MAX;

    private SearchSpaces() {
    }

    /**
     * The space of {@code arm} on {@code shape}, training each candidate for {@code epochs} epochs with weights
     * seeded by {@code seed}.
     *
     * @throws IllegalArgumentException for an arm not in {@link #ARMS}
     */
    public static MultiLayerSpace forArm(String arm, NetworkShape shape, int epochs, long seed) {
        MultiLayerSpace.Builder b = new MultiLayerSpace.Builder().seed(seed).numEpochs(epochs);
        if (List.of(BP_ADAM_CONV, KFAC_CONV, PC_CONV).contains(arm) && !shape.convolutional()) {
            throw new IllegalArgumentException("arm '" + arm + "' searches the convolutional architecture: run it "
                    + "with --arch conv");
        }
        switch (arm) {
            // The two backprop arms search the same dimensions, so their searches have equal budgets.
            case BP_SGD -> backprop(b, shape, new SgdSpace(logUniform(SGD_LR_MIN, SGD_LR_MAX)),
                    new EnumSpace<>(Activation.class, Activation.RELU, Activation.TANH, Activation.LEAKYRELU))
                    .l2(logUniform(L2_MIN, L2_MAX));
            case BP_ADAM -> backprop(b, shape, adam(), new EnumSpace<>(Activation.class, Activation.RELU,
                    Activation.TANH, Activation.LEAKYRELU)).l2(logUniform(L2_MIN, L2_MAX));
            case KFacArm.NAME -> backprop(b, shape, kfac(), new FixedValue<>(Activation.RELU));
            case KFacArm.ADAPTIVE_NAME -> backprop(b, shape, kfacAdaptive(), new FixedValue<>(Activation.RELU));
            case BP_ADAM_CONV -> backprop(b, shape, adam(), new EnumSpace<>(Activation.class, Activation.RELU,
                    Activation.TANH, Activation.LEAKYRELU)).l2(logUniform(L2_MIN, L2_MAX));
            case KFAC_CONV -> backprop(b, shape, kfac(), new FixedValue<>(Activation.RELU));
            case PC_CONV -> b.addLayer(pcLayer(shape, adam())
                    .topEnergy(TopEnergy.CATEGORICAL)
                    .stateRate(logUniform(STATE_RATE_MIN, STATE_RATE_MAX))
                    .build());
            case PcArm.PC -> b.addLayer(pcLayer(shape, adam())
                    .topEnergy(TopEnergy.CATEGORICAL)
                    .stateRate(logUniform(STATE_RATE_MIN, STATE_RATE_MAX))
                    .build());
            case PcArm.PC_PRECISION -> b.addLayer(pcLayer(shape, adam())
                    .topEnergy(TopEnergy.GAUSSIAN)
                    .precisionEstimator(PrecisionEstimator.RUNNING_MOMENTS)
                    .hiddenPrecision(new EnumSpace<>(PrecisionForm.class, PrecisionForm.NONE, PrecisionForm.SCALAR,
                            PrecisionForm.DIAGONAL))
                    .outputPrecision(new EnumSpace<>(PrecisionForm.class, PrecisionForm.SCALAR,
                            PrecisionForm.DIAGONAL, PrecisionForm.FULL))
                    .precisionDamping(logUniform(PRECISION_DAMPING_MIN, PRECISION_DAMPING_MAX))
                    .precisionDecay(new ContinuousParameterSpace(PRECISION_DECAY_MIN, PRECISION_DECAY_MAX))
                    .initialPrecision(logUniform(INITIAL_PRECISION_MIN, INITIAL_PRECISION_MAX))
                    .stateRate(logUniform(STATE_RATE_MIN, STATE_RATE_MAX))
                    .build());
            case PcArm.PC_MOMENTUM -> b.addLayer(pcLayer(shape, momentum(PC_MOMENTUM_LR_MIN, PC_MOMENTUM_LR_MAX))
                    .topEnergy(TopEnergy.CATEGORICAL)
                    .stateRate(logUniform(STATE_RATE_MIN, STATE_RATE_MAX))
                    .build());
            case PcArm.PC_PRECISION_MOMENTUM -> b.addLayer(pcLayer(shape,
                    momentum(PC_MOMENTUM_LR_MIN, PC_MOMENTUM_LR_MAX))
                    .topEnergy(TopEnergy.GAUSSIAN)
                    .precisionEstimator(PrecisionEstimator.RUNNING_MOMENTS)
                    .hiddenPrecision(PrecisionForm.DIAGONAL)
                    .outputPrecision(PrecisionForm.DIAGONAL)
                    .stateRate(logUniform(STATE_RATE_MIN, STATE_RATE_MAX))
                    .build());
            case PcArm.PC_NATGRAD -> b.addLayer(pcLayer(shape, momentum(KFAC_LR_MIN, KFAC_LR_MAX))
                    .topEnergy(TopEnergy.GAUSSIAN)
                    .precisionEstimator(PrecisionEstimator.RUNNING_MOMENTS)
                    .hiddenPrecision(PrecisionForm.NONE)
                    .outputPrecision(PrecisionForm.FULL)
                    .weightPreconditioner(WeightPreconditioner.KRONECKER)
                    .kroneckerDamping(logUniform(DAMPING_MIN, DAMPING_MAX))
                    .kroneckerKlClip(logUniform(KL_CLIP_MIN, KL_CLIP_MAX))
                    .stateRate(logUniform(STATE_RATE_MIN, STATE_RATE_MAX))
                    .build());
            default -> throw new IllegalArgumentException("no search space for arm '" + arm + "'; searchable arms: "
                    + String.join(", ", ARMS));
        }
        return b.build();
    }

    /**
     * The dense ReLU-initialised stack of {@code BackpropArm}, one activation shared by every hidden layer; with a
     * convolutional front, its ReLU convolutions and poolings first (not searched: the architecture is the
     * experiment's).
     */
    private static MultiLayerSpace.Builder backprop(MultiLayerSpace.Builder b, NetworkShape shape,
            ParameterSpace<IUpdater> updater, ParameterSpace<Activation> hiddenActivation) {
        b.updater(updater).weightInit(WeightInit.RELU);
        int in = shape.inputs();
        if (shape.convolutional()) {
            for (ConvolutionalLevel level : shape.convolutions()) {
                b.addLayer(new ConvolutionLayerSpace.Builder().kernelSize(level.getKernelSize())
                        .stride(level.getStride()).padding(level.getPadding())
                        .convolutionMode(ConvolutionMode.Truncate).nOut(level.getChannels())
                        .activation(Activation.RELU).build());
                if (level.getPooling() != ConvolutionalLevel.Pooling.NONE) {
                    b.addLayer(new SubsamplingLayerSpace.Builder().poolingType(
                            level.getPooling() == ConvolutionalLevel.Pooling.MAX ? SubsamplingLayer.PoolingType.MAX
                                    : SubsamplingLayer.PoolingType.AVG)
                            .kernelSize(level.getPoolingSize()).stride(level.getPoolingStride())
                            .convolutionMode(ConvolutionMode.Truncate).build());
                }
            }
            int[] image = shape.image();
            b.setInputType(InputType.convolutionalFlat(image[1], image[2], image[0]));
            int[] flat = shape.flattenedImage();
            in = flat[0] * flat[1] * flat[2];
        }
        for (int size : shape.hidden()) {
            b.addLayer(new DenseLayerSpace.Builder().nIn(in).nOut(size).activation(hiddenActivation).build());
            in = size;
        }
        return b.addLayer(new OutputLayerSpace.Builder().nIn(in).nOut(shape.classes()).activation(Activation.SOFTMAX)
                .lossFunction(LossFunctions.LossFunction.MCXENT).weightInit(WeightInit.XAVIER).build());
    }

    /**
     * The PC layer of {@code PcNetworks.supervisedMlpLayer} with {@code updater}, searching its relaxation steps; a
     * convolutional front becomes its convolutional levels (not searched), with ReLU levels and initialisation as in
     * {@code pc-conv}.
     */
    private static PredictiveCodingOutputLayerSpace.Builder pcLayer(NetworkShape shape,
            ParameterSpace<IUpdater> updater) {
        PredictiveCodingOutputLayerSpace.Builder b = new PredictiveCodingOutputLayerSpace.Builder()
                .hiddenActivation(PcNetworks.HIDDEN_ACTIVATION).weightInit(WeightInit.XAVIER);
        if (shape.convolutional()) {
            int[] image = shape.image();
            b.inputShape(image[0], image[1], image[2]).convolutionalLevels(shape.convolutions())
                    .hiddenActivation(Activation.RELU).weightInit(WeightInit.RELU);
        }
        return b
                .nIn(shape.inputs())
                .nOut(shape.classes())
                .hiddenLayerSizes(shape.hidden())
                .updater(updater)
                .relaxationSteps(new IntegerParameterSpace(STEPS_MIN, STEPS_MAX));
    }

    /**
     * Adam with a searched learning rate and ND4J's default betas and epsilon, given explicitly: Arbiter's
     * {@code AdamSpace} fills unset betas and epsilon with the default learning rate (1e-3) instead.
     */
    private static AdamSpace adam() {
        return new AdamSpace(logUniform(ADAM_LR_MIN, ADAM_LR_MAX), new FixedValue<>(Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY),
                new FixedValue<>(Adam.DEFAULT_ADAM_BETA2_VAR_DECAY), new FixedValue<>(Adam.DEFAULT_ADAM_EPSILON));
    }

    /** SGD with Nesterov momentum {@link Arms#MOMENTUM} and a log-uniform learning rate in [min, max]. */
    private static NesterovsSpace momentum(double min, double max) {
        return new NesterovsSpace(logUniform(min, max), new FixedValue<>(Arms.MOMENTUM));
    }

    private static KFacSpace kfac() {
        return KFacSpace.builder()
                .learningRate(logUniform(KFAC_LR_MIN, KFAC_LR_MAX))
                .momentum(new ContinuousParameterSpace(MOMENTUM_MIN, MOMENTUM_MAX))
                .damping(logUniform(DAMPING_MIN, DAMPING_MAX))
                .factorDecay(new ContinuousParameterSpace(DECAY_MIN, DECAY_MAX))
                .curvatureUpdatePeriod(new IntegerParameterSpace(CURVATURE_PERIOD_MIN, CURVATURE_PERIOD_MAX))
                .inversePeriodMultiple(new IntegerParameterSpace(INVERSE_MULTIPLE_MIN, INVERSE_MULTIPLE_MAX))
                .klClip(logUniform(KL_CLIP_MIN, KL_CLIP_MAX))
                .build();
    }

    /** Adaptive K-FAC: what remains to choose once the quadratic model picks learning rate and momentum. */
    private static KFacSpace kfacAdaptive() {
        return KFacSpace.builder().adaptive(true)
                .damping(logUniform(INITIAL_DAMPING_MIN, INITIAL_DAMPING_MAX))
                .dampingAdaptationPeriod(new IntegerParameterSpace(DAMPING_PERIOD_MIN, DAMPING_PERIOD_MAX))
                .factorDecay(new ContinuousParameterSpace(DECAY_MIN, DECAY_MAX))
                .curvatureUpdatePeriod(new IntegerParameterSpace(CURVATURE_PERIOD_MIN, CURVATURE_PERIOD_MAX))
                .inversePeriodMultiple(new IntegerParameterSpace(INVERSE_MULTIPLE_MIN, INVERSE_MULTIPLE_MAX))
                .build();
    }

    private static ContinuousParameterSpace logUniform(double min, double max) {
        return new ContinuousParameterSpace(new LogUniformDistribution(min, max));
    }
}
