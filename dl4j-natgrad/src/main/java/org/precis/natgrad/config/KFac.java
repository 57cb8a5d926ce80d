package org.precis.natgrad.config;

import java.util.Map;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.precis.natgrad.blocks.InverseMethod;

/**
 * K-FAC natural-gradient updater configuration (Martens and Grosse 2015; {@code site/src/docs/algorithms.md} §3), used
 * like ND4J's {@code Adam}: {@code .updater(new KFac())} or {@code .updater(KFac.builder().learningRate(0.02).build())}
 * on a {@code MultiLayerConfiguration} or {@code ComputationGraphConfiguration}. Every hyperparameter is a field, so
 * it is stored in the configuration's JSON and restored by {@code ModelSerializer}.
 *
 * <p>The updater alone applies learning rate and momentum to whatever gradient it is given; the curvature is
 * estimated and applied by {@code KFacTraining.attach(network)}, which turns the gradient of every supported layer
 * into the natural gradient before the updater runs. One step, per preconditioned layer with gradient {@code V}
 * ({@code (nIn + 1) x nOut}, bias last):
 * <ol>
 *   <li>every {@link #getCurvatureUpdatePeriod()} steps: {@code A <- beta A + (1 - beta) mean(abar abar^T)},
 *       {@code G <- beta G + (1 - beta) mean(g g^T)} ({@code beta} = {@link #getFactorDecay()}, the first update
 *       assigns), {@code g} as chosen by {@link #getFisherType()};</li>
 *   <li>every {@link #getInverseUpdatePeriod()} steps: damped inverses with {@code lambda} = {@link #getDamping()},
 *       by {@link #getInverseMethod()};</li>
 *   <li>{@code V <- V + weightDecay W} (weights only), then {@code N = Ainv V Ginv};</li>
 *   <li>KL clip over all preconditioned layers: {@code N <- N min(1, sqrt(kappa / sum(N * V lr^2)))};</li>
 *   <li>momentum ({@link KFacUpdater}): {@code v <- mu v + lr N}, parameters {@code -= v}.</li>
 * </ol>
 * Periods, Fisher type, KL clip and approximation are read from the first preconditioned layer; damping, decay,
 * weight decay and learning rate from each layer's own configuration.
 *
 * <p><b>Adaptive mode</b> ({@link #isAdaptive()}, off by default), after Martens and Grosse (2015), sections 6.5
 * and 7: steps 4 and 5 are replaced. With {@code Delta} the natural gradient of all layers and {@code delta0} the
 * previous step, the step is {@code delta = -alpha Delta + mu delta0} with {@code (alpha, mu)} minimising the
 * quadratic model {@code M(delta) = g^T delta + 1/2 delta^T (F + (lambda + eta) I) delta} over that 2-D span
 * ({@code F} the exact Fisher of the batch, by forward-mode products; {@code eta} = {@link #getWeightDecay()}).
 * Every {@link #getDampingAdaptationPeriod()} steps the damping {@code lambda} (initially {@link #getDamping()})
 * follows the Levenberg-Marquardt rule on {@code rho = (h(theta + delta) - h(theta)) / (M(delta) - M(0))}:
 * multiplied by {@link #getDampingDecay()}{@code ^T1} when {@code rho > 3/4}, by
 * {@link #getDampingBoost()}{@code ^T1} when {@code rho < 1/4}, and kept within
 * [{@link #getMinDamping()}, {@link #getMaxDamping()}]. The learning rate, momentum and KL clip of this
 * configuration are then unused (the quadratic model owns the step size); the updater applies the step as given.
 * One damping serves the whole network: it is read, with the other adaptive options, from the first preconditioned
 * layer.
 */
public class KFac implements IUpdater {

    /** Default learning rate, 0.02 (the natural gradient is already scaled by the curvature). */
    public static final double DEFAULT_LEARNING_RATE = 0.02;
    /** Default momentum, 0.9 (heavy ball, as kfac-pytorch pairs K-FAC with SGD momentum). */
    public static final double DEFAULT_MOMENTUM = 0.9;
    /** Default Tikhonov damping {@code lambda}, 1e-3 (§3: 1e-3 to 3e-3). */
    public static final double DEFAULT_DAMPING = 1e-3;
    /** Default decay {@code beta} of the factors' moving averages, 0.95. */
    public static final double DEFAULT_FACTOR_DECAY = 0.95;
    /** Default number of steps between curvature (factor) updates, 1. */
    public static final int DEFAULT_CURVATURE_UPDATE_PERIOD = 1;
    /** Default number of steps between inverse updates {@code k}, 10. */
    public static final int DEFAULT_INVERSE_UPDATE_PERIOD = 10;
    /** Default inverse method, {@link InverseMethod#CHOLESKY}. */
    public static final InverseMethod DEFAULT_INVERSE_METHOD = InverseMethod.CHOLESKY;
    /** Default KL clip {@code kappa}, 1e-3; 0 disables clipping. */
    public static final double DEFAULT_KL_CLIP = 1e-3;
    /** Default weight decay, 0 (none). */
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;
    /** Default Fisher type, {@link FisherType#EMPIRICAL}. */
    public static final FisherType DEFAULT_FISHER_TYPE = FisherType.EMPIRICAL;
    /** Default curvature approximation, {@link CurvatureApproximation#KRONECKER_FACTORED}. */
    public static final CurvatureApproximation DEFAULT_APPROXIMATION = CurvatureApproximation.KRONECKER_FACTORED;
    /** Default of the adaptive mode, off: fixed learning rate, momentum and damping. */
    public static final boolean DEFAULT_ADAPTIVE = false;
    /** Default steps between damping adaptations {@code T1}, 5 (Martens and Grosse 2015, section 6.5). */
    public static final int DEFAULT_DAMPING_ADAPTATION_PERIOD = 5;
    /** Default per-step damping decay {@code omega}, 19/20 (Martens and Grosse 2015, section 6.5). */
    public static final double DEFAULT_DAMPING_DECAY = 19.0 / 20.0;
    /** Default per-step damping boost, 20/19, the inverse of the decay (Martens and Grosse 2015, section 6.5). */
    public static final double DEFAULT_DAMPING_BOOST = 20.0 / 19.0;
    /** Default lower bound of the adapted damping, 1e-8 (kfac-jax's {@code min_damping}). */
    public static final double DEFAULT_MIN_DAMPING = 1e-8;
    /** Default upper bound of the adapted damping, 1e4: a step-size floor when the model keeps failing. */
    public static final double DEFAULT_MAX_DAMPING = 1e4;

    /** Fixed learning rate; see {@link #getLearningRate()}. */
    private double learningRate = DEFAULT_LEARNING_RATE;
    /** Learning-rate schedule, or null; see {@link #getLearningRateSchedule()}. */
    private ISchedule learningRateSchedule;
    /** Momentum; see {@link #getMomentum()}. */
    private double momentum = DEFAULT_MOMENTUM;
    /** Tikhonov damping; see {@link #getDamping()}. */
    private double damping = DEFAULT_DAMPING;
    /** Factor moving-average decay; see {@link #getFactorDecay()}. */
    private double factorDecay = DEFAULT_FACTOR_DECAY;
    /** Steps between curvature updates; see {@link #getCurvatureUpdatePeriod()}. */
    private int curvatureUpdatePeriod = DEFAULT_CURVATURE_UPDATE_PERIOD;
    /** Steps between inverse updates; see {@link #getInverseUpdatePeriod()}. */
    private int inverseUpdatePeriod = DEFAULT_INVERSE_UPDATE_PERIOD;
    /** Inverse method; see {@link #getInverseMethod()}. */
    private InverseMethod inverseMethod = DEFAULT_INVERSE_METHOD;
    /** KL clip; see {@link #getKlClip()}. */
    private double klClip = DEFAULT_KL_CLIP;
    /** Weight decay; see {@link #getWeightDecay()}. */
    private double weightDecay = DEFAULT_WEIGHT_DECAY;
    /** Fisher type; see {@link #getFisherType()}. */
    private FisherType fisherType = DEFAULT_FISHER_TYPE;
    /** Curvature approximation; see {@link #getApproximation()}. */
    private CurvatureApproximation approximation = DEFAULT_APPROXIMATION;
    /** Adaptive mode; see {@link #isAdaptive()}. */
    private boolean adaptive = DEFAULT_ADAPTIVE;
    /** Steps between damping adaptations; see {@link #getDampingAdaptationPeriod()}. */
    private int dampingAdaptationPeriod = DEFAULT_DAMPING_ADAPTATION_PERIOD;
    /** Per-step damping decay; see {@link #getDampingDecay()}. */
    private double dampingDecay = DEFAULT_DAMPING_DECAY;
    /** Per-step damping boost; see {@link #getDampingBoost()}. */
    private double dampingBoost = DEFAULT_DAMPING_BOOST;
    /** Lower damping bound; see {@link #getMinDamping()}. */
    private double minDamping = DEFAULT_MIN_DAMPING;
    /** Upper damping bound; see {@link #getMaxDamping()}. */
    private double maxDamping = DEFAULT_MAX_DAMPING;

    /**
     * Per training thread, the last iteration whose gradient K-FAC's listener preconditioned: runtime state, not a
     * hyperparameter (never saved, copied or compared), which lets {@link KFacUpdater} refuse a step that would
     * silently be SGD with momentum. Per thread because DL4J shares one configuration object between the networks of
     * parallel workers (Spark, ParallelWrapper), each stepping on its own thread, listener and updater alike.
     */
    private transient volatile ThreadLocal<Integer> preconditionedIteration;

    /** All defaults. */
    public KFac() {
    }

    /** @param learningRate the learning rate, all else default */
    public KFac(double learningRate) {
        this.learningRate = learningRate;
        validate();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks every hyperparameter; {@link Builder#build()} calls it, and so does {@code KFacTraining.attach} for
     * configurations made with setters or read from JSON.
     *
     * @throws IllegalArgumentException naming the first bad hyperparameter and its value
     */
    public void validate() {
        if (learningRateSchedule == null) {
            require(Double.isFinite(learningRate) && learningRate >= 0, "learningRate must be finite and >= 0",
                    learningRate);
        }
        require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1)", momentum);
        require(Double.isFinite(damping) && damping >= 0, "damping must be finite and >= 0", damping);
        require(factorDecay >= 0 && factorDecay < 1, "factorDecay must be in [0, 1)", factorDecay);
        require(curvatureUpdatePeriod >= 1, "curvatureUpdatePeriod must be >= 1", curvatureUpdatePeriod);
        require(inverseUpdatePeriod >= 1, "inverseUpdatePeriod must be >= 1", inverseUpdatePeriod);
        require(inverseUpdatePeriod % curvatureUpdatePeriod == 0,
                "inverseUpdatePeriod must be a multiple of curvatureUpdatePeriod (" + curvatureUpdatePeriod + ")",
                inverseUpdatePeriod);
        require(Double.isFinite(klClip) && klClip >= 0, "klClip must be finite and >= 0 (0 disables it)", klClip);
        require(Double.isFinite(weightDecay) && weightDecay >= 0, "weightDecay must be finite and >= 0",
                weightDecay);
        require(inverseMethod != null, "inverseMethod must be set", null);
        require(fisherType != null, "fisherType must be set", null);
        require(approximation != null, "approximation must be set", null);
        require(dampingAdaptationPeriod >= 1, "dampingAdaptationPeriod must be >= 1", dampingAdaptationPeriod);
        require(dampingDecay > 0 && dampingDecay <= 1, "dampingDecay must be in (0, 1]", dampingDecay);
        require(Double.isFinite(dampingBoost) && dampingBoost >= 1, "dampingBoost must be finite and >= 1",
                dampingBoost);
        require(Double.isFinite(minDamping) && minDamping >= 0, "minDamping must be finite and >= 0", minDamping);
        require(Double.isFinite(maxDamping) && maxDamping >= minDamping,
                "maxDamping must be finite and >= minDamping (" + minDamping + ")", maxDamping);
        if (adaptive) {
            require(damping > 0 && damping >= minDamping && damping <= maxDamping,
                    "damping (the initial damping of the adaptive mode) must be > 0 and in [minDamping, maxDamping] "
                            + "= [" + minDamping + ", " + maxDamping + "]", damping);
            require(learningRateSchedule == null,
                    "learningRateSchedule cannot be combined with adaptive (the quadratic model chooses the learning "
                            + "rate)", learningRateSchedule);
        }
    }

    private static void require(boolean ok, String message, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("KFac: " + message + ", got " + value);
        }
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        KFacUpdater updater = new KFacUpdater(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        updater.setStateViewArray(flat, flat.shape(), flat.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        KFacUpdater updater = new KFacUpdater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public KFac clone() {
        KFac copy = new KFac();
        copy.learningRate = learningRate;
        copy.learningRateSchedule = learningRateSchedule == null ? null : learningRateSchedule.clone();
        copy.momentum = momentum;
        copy.damping = damping;
        copy.factorDecay = factorDecay;
        copy.curvatureUpdatePeriod = curvatureUpdatePeriod;
        copy.inverseUpdatePeriod = inverseUpdatePeriod;
        copy.inverseMethod = inverseMethod;
        copy.klClip = klClip;
        copy.weightDecay = weightDecay;
        copy.fisherType = fisherType;
        copy.approximation = approximation;
        copy.adaptive = adaptive;
        copy.dampingAdaptationPeriod = dampingAdaptationPeriod;
        copy.dampingDecay = dampingDecay;
        copy.dampingBoost = dampingBoost;
        copy.minDamping = minDamping;
        copy.maxDamping = maxDamping;
        return copy;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    /**
     * @return the fixed learning rate (ignored while a schedule is set, and in adaptive mode); default
     *         {@value #DEFAULT_LEARNING_RATE}
     */
    public double getLearningRate() {
        return learningRate;
    }

    /** @param learningRate the fixed learning rate, {@code >= 0} */
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    /** @return the learning-rate schedule over iterations or epochs; default none */
    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    /** @param learningRateSchedule a DL4J schedule, or null for the fixed learning rate */
    public void setLearningRateSchedule(ISchedule learningRateSchedule) {
        this.learningRateSchedule = learningRateSchedule;
    }

    /** @return the momentum {@code mu} in {@code [0, 1)} (unused in adaptive mode); default {@value #DEFAULT_MOMENTUM} */
    public double getMomentum() {
        return momentum;
    }

    /** @param momentum momentum in {@code [0, 1)}; 0 for none */
    public void setMomentum(double momentum) {
        this.momentum = momentum;
    }

    /**
     * @return the Tikhonov damping {@code lambda >= 0}; in adaptive mode its initial value, {@code > 0}; default
     *         {@value #DEFAULT_DAMPING}
     */
    public double getDamping() {
        return damping;
    }

    /** @param damping Tikhonov damping {@code >= 0} */
    public void setDamping(double damping) {
        this.damping = damping;
    }

    /**
     * @return the factor moving-average decay {@code beta} in {@code [0, 1)}; default
     *         {@value #DEFAULT_FACTOR_DECAY}
     */
    public double getFactorDecay() {
        return factorDecay;
    }

    /** @param factorDecay weight of the old factors, in {@code [0, 1)} */
    public void setFactorDecay(double factorDecay) {
        this.factorDecay = factorDecay;
    }

    /** @return steps between curvature updates, {@code >= 1}; default {@value #DEFAULT_CURVATURE_UPDATE_PERIOD} */
    public int getCurvatureUpdatePeriod() {
        return curvatureUpdatePeriod;
    }

    /** @param curvatureUpdatePeriod steps between curvature updates, {@code >= 1} */
    public void setCurvatureUpdatePeriod(int curvatureUpdatePeriod) {
        this.curvatureUpdatePeriod = curvatureUpdatePeriod;
    }

    /**
     * @return steps between inverse updates, a multiple of the curvature period; default
     *         {@value #DEFAULT_INVERSE_UPDATE_PERIOD}
     */
    public int getInverseUpdatePeriod() {
        return inverseUpdatePeriod;
    }

    /** @param inverseUpdatePeriod steps between inverse updates, a multiple of the curvature update period */
    public void setInverseUpdatePeriod(int inverseUpdatePeriod) {
        this.inverseUpdatePeriod = inverseUpdatePeriod;
    }

    /** @return how damped factors are inverted; default {@link InverseMethod#CHOLESKY} */
    public InverseMethod getInverseMethod() {
        return inverseMethod;
    }

    /** @param inverseMethod how damped factors are inverted */
    public void setInverseMethod(InverseMethod inverseMethod) {
        this.inverseMethod = inverseMethod;
    }

    /** @return the KL clip {@code kappa >= 0}, 0 = off (unused in adaptive mode); default {@value #DEFAULT_KL_CLIP} */
    public double getKlClip() {
        return klClip;
    }

    /** @param klClip the KL clip {@code kappa >= 0}; 0 disables it */
    public void setKlClip(double klClip) {
        this.klClip = klClip;
    }

    /**
     * @return the weight decay added to the weight gradient before preconditioning, {@code >= 0}; default
     *         {@value #DEFAULT_WEIGHT_DECAY}
     */
    public double getWeightDecay() {
        return weightDecay;
    }

    /** @param weightDecay coefficient of {@code W} added to the weight gradient before preconditioning */
    public void setWeightDecay(double weightDecay) {
        this.weightDecay = weightDecay;
    }

    /** @return the Fisher type; default {@link FisherType#EMPIRICAL} */
    public FisherType getFisherType() {
        return fisherType;
    }

    /** @param fisherType the Fisher type */
    public void setFisherType(FisherType fisherType) {
        this.fisherType = fisherType;
    }

    /** @return the curvature approximation; default {@link CurvatureApproximation#KRONECKER_FACTORED} */
    public CurvatureApproximation getApproximation() {
        return approximation;
    }

    /** @param approximation the curvature approximation */
    public void setApproximation(CurvatureApproximation approximation) {
        this.approximation = approximation;
    }

    /**
     * @return whether the damping adapts (Levenberg-Marquardt) and the learning rate and momentum come from the
     *         quadratic model every step; default {@value #DEFAULT_ADAPTIVE}
     */
    public boolean isAdaptive() {
        return adaptive;
    }

    /** @param adaptive true for the adaptive mode (see the class documentation) */
    public void setAdaptive(boolean adaptive) {
        this.adaptive = adaptive;
    }

    /**
     * @return steps between damping adaptations {@code T1}, {@code >= 1} (adaptive mode); default
     *         {@value #DEFAULT_DAMPING_ADAPTATION_PERIOD}
     */
    public int getDampingAdaptationPeriod() {
        return dampingAdaptationPeriod;
    }

    /** @param dampingAdaptationPeriod steps between damping adaptations, {@code >= 1} */
    public void setDampingAdaptationPeriod(int dampingAdaptationPeriod) {
        this.dampingAdaptationPeriod = dampingAdaptationPeriod;
    }

    /**
     * @return per-step damping decay {@code omega} in {@code (0, 1]}: when the model fits ({@code rho > 3/4}) the
     *         damping is multiplied by {@code omega^T1} (adaptive mode); default 19/20
     */
    public double getDampingDecay() {
        return dampingDecay;
    }

    /** @param dampingDecay per-step damping decay in {@code (0, 1]} */
    public void setDampingDecay(double dampingDecay) {
        this.dampingDecay = dampingDecay;
    }

    /**
     * @return per-step damping boost {@code >= 1}: when the model fails ({@code rho < 1/4}) the damping is
     *         multiplied by {@code boost^T1} (adaptive mode); default 20/19
     */
    public double getDampingBoost() {
        return dampingBoost;
    }

    /** @param dampingBoost per-step damping boost, {@code >= 1} */
    public void setDampingBoost(double dampingBoost) {
        this.dampingBoost = dampingBoost;
    }

    /** @return lower bound of the adapted damping, {@code >= 0}; default {@value #DEFAULT_MIN_DAMPING} */
    public double getMinDamping() {
        return minDamping;
    }

    /** @param minDamping lower bound of the adapted damping, {@code >= 0} */
    public void setMinDamping(double minDamping) {
        this.minDamping = minDamping;
    }

    /** @return upper bound of the adapted damping, {@code >= minDamping}; default {@value #DEFAULT_MAX_DAMPING} */
    public double getMaxDamping() {
        return maxDamping;
    }

    /** @param maxDamping upper bound of the adapted damping, {@code >= minDamping} */
    public void setMaxDamping(double maxDamping) {
        this.maxDamping = maxDamping;
    }

    /**
     * Records that K-FAC's listener has preconditioned (or deliberately left plain) this iteration's gradient on the
     * calling thread; called by {@code KFacListener} on every training step of an attached network, before the
     * updater runs on the same thread.
     *
     * @param iteration the network's iteration count
     */
    public void markPreconditioned(int iteration) {
        preconditionedIterations().set(iteration);
    }

    /**
     * @param iteration the network's iteration count
     * @return whether K-FAC's listener has run for this iteration on this thread (see {@link #markPreconditioned})
     */
    public boolean isPreconditioned(int iteration) {
        Integer last = preconditionedIterations().get();
        return last != null && last == iteration;
    }

    private ThreadLocal<Integer> preconditionedIterations() {
        ThreadLocal<Integer> stamps = preconditionedIteration;
        if (stamps == null) {
            synchronized (this) {
                if (preconditionedIteration == null) {
                    preconditionedIteration = new ThreadLocal<>();
                }
                stamps = preconditionedIteration;
            }
        }
        return stamps;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KFac)) {
            return false;
        }
        KFac k = (KFac) o;
        return Double.compare(learningRate, k.learningRate) == 0
                && Objects.equals(learningRateSchedule, k.learningRateSchedule)
                && Double.compare(momentum, k.momentum) == 0
                && Double.compare(damping, k.damping) == 0
                && Double.compare(factorDecay, k.factorDecay) == 0
                && curvatureUpdatePeriod == k.curvatureUpdatePeriod
                && inverseUpdatePeriod == k.inverseUpdatePeriod
                && inverseMethod == k.inverseMethod
                && Double.compare(klClip, k.klClip) == 0
                && Double.compare(weightDecay, k.weightDecay) == 0
                && fisherType == k.fisherType
                && approximation == k.approximation
                && adaptive == k.adaptive
                && dampingAdaptationPeriod == k.dampingAdaptationPeriod
                && Double.compare(dampingDecay, k.dampingDecay) == 0
                && Double.compare(dampingBoost, k.dampingBoost) == 0
                && Double.compare(minDamping, k.minDamping) == 0
                && Double.compare(maxDamping, k.maxDamping) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, learningRateSchedule, momentum, damping, factorDecay, curvatureUpdatePeriod,
                inverseUpdatePeriod, inverseMethod, klClip, weightDecay, fisherType, approximation, adaptive,
                dampingAdaptationPeriod, dampingDecay, dampingBoost, minDamping, maxDamping);
    }

    @Override
    public String toString() {
        return "KFac(learningRate=" + learningRate + ", learningRateSchedule=" + learningRateSchedule
                + ", momentum=" + momentum + ", damping=" + damping + ", factorDecay=" + factorDecay
                + ", curvatureUpdatePeriod=" + curvatureUpdatePeriod + ", inverseUpdatePeriod=" + inverseUpdatePeriod
                + ", inverseMethod=" + inverseMethod + ", klClip=" + klClip + ", weightDecay=" + weightDecay
                + ", fisherType=" + fisherType + ", approximation=" + approximation + ", adaptive=" + adaptive
                + ", dampingAdaptationPeriod=" + dampingAdaptationPeriod + ", dampingDecay=" + dampingDecay
                + ", dampingBoost=" + dampingBoost + ", minDamping=" + minDamping + ", maxDamping=" + maxDamping + ")";
    }

    /** Builder of {@link KFac}, starting from the defaults; {@link #build()} validates. */
    public static final class Builder {
        private final KFac k = new KFac();

        /** A builder holding the defaults. */
        public Builder() {
        }

        /**
         * @param v see {@link KFac#setLearningRate}
         * @return this builder
         */
        public Builder learningRate(double v) {
            k.learningRate = v;
            return this;
        }

        /**
         * @param v see {@link KFac#setLearningRateSchedule}
         * @return this builder
         */
        public Builder learningRateSchedule(ISchedule v) {
            k.learningRateSchedule = v;
            return this;
        }

        /**
         * @param v see {@link KFac#setMomentum}
         * @return this builder
         */
        public Builder momentum(double v) {
            k.momentum = v;
            return this;
        }

        /**
         * @param v see {@link KFac#setDamping}
         * @return this builder
         */
        public Builder damping(double v) {
            k.damping = v;
            return this;
        }

        /**
         * @param v see {@link KFac#setFactorDecay}
         * @return this builder
         */
        public Builder factorDecay(double v) {
            k.factorDecay = v;
            return this;
        }

        /**
         * @param v see {@link KFac#setCurvatureUpdatePeriod}
         * @return this builder
         */
        public Builder curvatureUpdatePeriod(int v) {
            k.curvatureUpdatePeriod = v;
            return this;
        }

        /**
         * @param v see {@link KFac#setInverseUpdatePeriod}
         * @return this builder
         */
        public Builder inverseUpdatePeriod(int v) {
            k.inverseUpdatePeriod = v;
            return this;
        }

        /**
         * @param v see {@link KFac#setInverseMethod}
         * @return this builder
         */
        public Builder inverseMethod(InverseMethod v) {
            k.inverseMethod = v;
            return this;
        }

        /**
         * @param v see {@link KFac#setKlClip}
         * @return this builder
         */
        public Builder klClip(double v) {
            k.klClip = v;
            return this;
        }

        /**
         * @param v see {@link KFac#setWeightDecay}
         * @return this builder
         */
        public Builder weightDecay(double v) {
            k.weightDecay = v;
            return this;
        }

        /**
         * @param v see {@link KFac#setFisherType}
         * @return this builder
         */
        public Builder fisherType(FisherType v) {
            k.fisherType = v;
            return this;
        }

        /**
         * @param v see {@link KFac#setApproximation}
         * @return this builder
         */
        public Builder approximation(CurvatureApproximation v) {
            k.approximation = v;
            return this;
        }

        /**
         * @param v see {@link KFac#setAdaptive}
         * @return this builder
         */
        public Builder adaptive(boolean v) {
            k.adaptive = v;
            return this;
        }

        /**
         * @param v see {@link KFac#setDampingAdaptationPeriod}
         * @return this builder
         */
        public Builder dampingAdaptationPeriod(int v) {
            k.dampingAdaptationPeriod = v;
            return this;
        }

        /**
         * @param v see {@link KFac#setDampingDecay}
         * @return this builder
         */
        public Builder dampingDecay(double v) {
            k.dampingDecay = v;
            return this;
        }

        /**
         * @param v see {@link KFac#setDampingBoost}
         * @return this builder
         */
        public Builder dampingBoost(double v) {
            k.dampingBoost = v;
            return this;
        }

        /**
         * @param v see {@link KFac#setMinDamping}
         * @return this builder
         */
        public Builder minDamping(double v) {
            k.minDamping = v;
            return this;
        }

        /**
         * @param v see {@link KFac#setMaxDamping}
         * @return this builder
         */
        public Builder maxDamping(double v) {
            k.maxDamping = v;
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException naming the first bad hyperparameter
         */
        public KFac build() {
            KFac built = k.clone();
            built.validate();
            return built;
        }
    }
}
