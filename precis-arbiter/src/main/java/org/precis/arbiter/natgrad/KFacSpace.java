package org.precis.arbiter.natgrad;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.arbiter.conf.updater.BaseUpdaterSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.nd4j.linalg.learning.config.IUpdater;
import org.precis.natgrad.config.KFac;

/**
 * Arbiter search space of the {@link KFac} updater, used wherever Arbiter takes an updater space (a
 * {@code MultiLayerSpace}'s or a layer space's {@code updater}). Dimensions: learning rate, momentum, damping,
 * factor (EMA) decay, curvature update period, inverse update period and KL clip; for the adaptive mode
 * ({@link Builder#adaptive}), damping (its initial value), the damping adaptation period, decay, boost and bounds
 * instead of learning rate, momentum and KL clip, which that mode does not use. A dimension left unset keeps
 * {@link KFac}'s default. Networks built from the space need K-FAC attached before training:
 * {@link KFacTaskListener} does it inside Arbiter's task.
 *
 * <p>The inverse period is searched as a multiple of the curvature period ({@code inversePeriodMultiple}),
 * because {@link KFac} requires the inverses to be refreshed only on steps that also refresh the factors: two
 * independent period ranges would mostly produce configurations it rejects. Without a curvature period space
 * the multiple is relative to the default curvature period,
 * {@value KFac#DEFAULT_CURVATURE_UPDATE_PERIOD}.
 */
public class KFacSpace extends BaseUpdaterSpace {

    private ParameterSpace<Double> learningRate;
    private ParameterSpace<Double> momentum;
    private ParameterSpace<Double> damping;
    private ParameterSpace<Double> factorDecay;
    private ParameterSpace<Integer> curvatureUpdatePeriod;
    private ParameterSpace<Integer> inversePeriodMultiple;
    private ParameterSpace<Double> klClip;
    private boolean adaptive;
    private ParameterSpace<Integer> dampingAdaptationPeriod;
    private ParameterSpace<Double> dampingDecay;
    private ParameterSpace<Double> dampingBoost;
    private ParameterSpace<Double> minDamping;
    private ParameterSpace<Double> maxDamping;

    /** For JSON/YAML deserialisation; also the space holding only {@link KFac}'s defaults. */
    protected KFacSpace() {
    }

    private KFacSpace(Builder b) {
        learningRate = b.learningRate;
        momentum = b.momentum;
        damping = b.damping;
        factorDecay = b.factorDecay;
        curvatureUpdatePeriod = b.curvatureUpdatePeriod;
        inversePeriodMultiple = b.inversePeriodMultiple;
        klClip = b.klClip;
        adaptive = b.adaptive;
        dampingAdaptationPeriod = b.dampingAdaptationPeriod;
        dampingDecay = b.dampingDecay;
        dampingBoost = b.dampingBoost;
        minDamping = b.minDamping;
        maxDamping = b.maxDamping;
    }

    /** @return a builder with every dimension unset (K-FAC defaults) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The K-FAC configuration at one point of the space.
     *
     * @param parameterValues one value in [0, 1] per searched dimension, at the indices Arbiter assigned
     * @throws IllegalArgumentException from {@link KFac#validate()} for values outside K-FAC's ranges
     */
    @Override
    public IUpdater getValue(double[] parameterValues) {
        KFac.Builder k = KFac.builder();
        if (learningRate != null) {
            k.learningRate(learningRate.getValue(parameterValues));
        }
        if (momentum != null) {
            k.momentum(momentum.getValue(parameterValues));
        }
        if (damping != null) {
            k.damping(damping.getValue(parameterValues));
        }
        if (factorDecay != null) {
            k.factorDecay(factorDecay.getValue(parameterValues));
        }
        int curvaturePeriod = curvatureUpdatePeriod == null ? KFac.DEFAULT_CURVATURE_UPDATE_PERIOD
                : curvatureUpdatePeriod.getValue(parameterValues);
        k.curvatureUpdatePeriod(curvaturePeriod);
        if (inversePeriodMultiple != null) {
            k.inverseUpdatePeriod(curvaturePeriod * inversePeriodMultiple.getValue(parameterValues));
        } else {
            // KFac's default inverse period, rounded up to the nearest multiple of the curvature period.
            k.inverseUpdatePeriod(((KFac.DEFAULT_INVERSE_UPDATE_PERIOD + curvaturePeriod - 1) / curvaturePeriod)
                    * curvaturePeriod);
        }
        if (klClip != null) {
            k.klClip(klClip.getValue(parameterValues));
        }
        k.adaptive(adaptive);
        if (dampingAdaptationPeriod != null) {
            k.dampingAdaptationPeriod(dampingAdaptationPeriod.getValue(parameterValues));
        }
        if (dampingDecay != null) {
            k.dampingDecay(dampingDecay.getValue(parameterValues));
        }
        if (dampingBoost != null) {
            k.dampingBoost(dampingBoost.getValue(parameterValues));
        }
        if (minDamping != null) {
            k.minDamping(minDamping.getValue(parameterValues));
        }
        if (maxDamping != null) {
            k.maxDamping(maxDamping.getValue(parameterValues));
        }
        return k.build();
    }

    /**
     * Hands each leaf its slice of {@code indices}. Overridden because the inherited version gives every leaf the
     * first slice (it never advances its offset).
     */
    @Override
    public void setIndices(int... indices) {
        int offset = 0;
        for (ParameterSpace<?> leaf : collectLeaves()) {
            int n = leaf.numParameters();
            if (n > 0) {
                leaf.setIndices(Arrays.copyOfRange(indices, offset, offset + n));
                offset += n;
            }
        }
    }

    /** @return the learning rate space (default {@value KFac#DEFAULT_LEARNING_RATE}) */
    public ParameterSpace<Double> getLearningRate() {
        return learningRate;
    }

    /** @return the momentum space (default {@value KFac#DEFAULT_MOMENTUM}) */
    public ParameterSpace<Double> getMomentum() {
        return momentum;
    }

    /** @return the damping space (default {@value KFac#DEFAULT_DAMPING}) */
    public ParameterSpace<Double> getDamping() {
        return damping;
    }

    /** @return the factor EMA decay space (default {@value KFac#DEFAULT_FACTOR_DECAY}) */
    public ParameterSpace<Double> getFactorDecay() {
        return factorDecay;
    }

    /** @return the curvature update period space (default {@value KFac#DEFAULT_CURVATURE_UPDATE_PERIOD}) */
    public ParameterSpace<Integer> getCurvatureUpdatePeriod() {
        return curvatureUpdatePeriod;
    }

    /**
     * @return the space of the inverse period as a multiple of the curvature period (default: {@link KFac}'s
     *         default inverse period, {@value KFac#DEFAULT_INVERSE_UPDATE_PERIOD}, rounded up to a multiple)
     */
    public ParameterSpace<Integer> getInversePeriodMultiple() {
        return inversePeriodMultiple;
    }

    /** @return the KL clip space (default {@value KFac#DEFAULT_KL_CLIP}) */
    public ParameterSpace<Double> getKlClip() {
        return klClip;
    }

    /** @return whether the space's configurations use the adaptive mode (default false) */
    public boolean isAdaptive() {
        return adaptive;
    }

    /** @return the damping adaptation period space (default {@value KFac#DEFAULT_DAMPING_ADAPTATION_PERIOD}) */
    public ParameterSpace<Integer> getDampingAdaptationPeriod() {
        return dampingAdaptationPeriod;
    }

    /** @return the per-step damping decay space (default 19/20) */
    public ParameterSpace<Double> getDampingDecay() {
        return dampingDecay;
    }

    /** @return the per-step damping boost space (default 20/19) */
    public ParameterSpace<Double> getDampingBoost() {
        return dampingBoost;
    }

    /** @return the lower damping bound space (default {@value KFac#DEFAULT_MIN_DAMPING}) */
    public ParameterSpace<Double> getMinDamping() {
        return minDamping;
    }

    /** @return the upper damping bound space (default {@value KFac#DEFAULT_MAX_DAMPING}) */
    public ParameterSpace<Double> getMaxDamping() {
        return maxDamping;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KFacSpace s && Objects.equals(learningRate, s.learningRate)
                && Objects.equals(momentum, s.momentum) && Objects.equals(damping, s.damping)
                && Objects.equals(factorDecay, s.factorDecay)
                && Objects.equals(curvatureUpdatePeriod, s.curvatureUpdatePeriod)
                && Objects.equals(inversePeriodMultiple, s.inversePeriodMultiple) && Objects.equals(klClip, s.klClip)
                && adaptive == s.adaptive && Objects.equals(dampingAdaptationPeriod, s.dampingAdaptationPeriod)
                && Objects.equals(dampingDecay, s.dampingDecay) && Objects.equals(dampingBoost, s.dampingBoost)
                && Objects.equals(minDamping, s.minDamping) && Objects.equals(maxDamping, s.maxDamping);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum, damping, factorDecay, curvatureUpdatePeriod,
                inversePeriodMultiple, klClip, adaptive, dampingAdaptationPeriod, dampingDecay, dampingBoost, minDamping,
                maxDamping);
    }

    @Override
    public String toString() {
        return "KFacSpace(learningRate=" + learningRate + ", momentum=" + momentum + ", damping=" + damping
                + ", factorDecay=" + factorDecay + ", curvatureUpdatePeriod=" + curvatureUpdatePeriod
                + ", inversePeriodMultiple=" + inversePeriodMultiple + ", klClip=" + klClip + ", adaptive=" + adaptive
                + ", dampingAdaptationPeriod=" + dampingAdaptationPeriod + ", dampingDecay=" + dampingDecay
                + ", dampingBoost=" + dampingBoost + ", minDamping=" + minDamping + ", maxDamping=" + maxDamping + ")";
    }

    /** Builder of {@link KFacSpace}: each dimension takes a fixed value or a space; unset keeps the default. */
    public static final class Builder {
        private ParameterSpace<Double> learningRate;
        private ParameterSpace<Double> momentum;
        private ParameterSpace<Double> damping;
        private ParameterSpace<Double> factorDecay;
        private ParameterSpace<Integer> curvatureUpdatePeriod;
        private ParameterSpace<Integer> inversePeriodMultiple;
        private ParameterSpace<Double> klClip;
        private boolean adaptive;
        private ParameterSpace<Integer> dampingAdaptationPeriod;
        private ParameterSpace<Double> dampingDecay;
        private ParameterSpace<Double> dampingBoost;
        private ParameterSpace<Double> minDamping;
        private ParameterSpace<Double> maxDamping;

        private Builder() {
        }

        /** @param v learning rate, {@code >= 0} @return this */
        public Builder learningRate(ParameterSpace<Double> v) {
            learningRate = v;
            return this;
        }

        /** @param v learning rate, {@code >= 0} @return this */
        public Builder learningRate(double v) {
            return learningRate(new FixedValue<>(v));
        }

        /** @param v momentum in [0, 1) @return this */
        public Builder momentum(ParameterSpace<Double> v) {
            momentum = v;
            return this;
        }

        /** @param v momentum in [0, 1) @return this */
        public Builder momentum(double v) {
            return momentum(new FixedValue<>(v));
        }

        /** @param v Tikhonov damping, {@code >= 0} @return this */
        public Builder damping(ParameterSpace<Double> v) {
            damping = v;
            return this;
        }

        /** @param v Tikhonov damping, {@code >= 0} @return this */
        public Builder damping(double v) {
            return damping(new FixedValue<>(v));
        }

        /** @param v decay of the factors' moving averages, in [0, 1) @return this */
        public Builder factorDecay(ParameterSpace<Double> v) {
            factorDecay = v;
            return this;
        }

        /** @param v decay of the factors' moving averages, in [0, 1) @return this */
        public Builder factorDecay(double v) {
            return factorDecay(new FixedValue<>(v));
        }

        /** @param v steps between curvature updates, {@code >= 1} @return this */
        public Builder curvatureUpdatePeriod(ParameterSpace<Integer> v) {
            curvatureUpdatePeriod = v;
            return this;
        }

        /** @param v steps between curvature updates, {@code >= 1} @return this */
        public Builder curvatureUpdatePeriod(int v) {
            return curvatureUpdatePeriod(new FixedValue<>(v));
        }

        /** @param v inverse period in curvature periods, {@code >= 1} @return this */
        public Builder inversePeriodMultiple(ParameterSpace<Integer> v) {
            inversePeriodMultiple = v;
            return this;
        }

        /** @param v inverse period in curvature periods, {@code >= 1} @return this */
        public Builder inversePeriodMultiple(int v) {
            return inversePeriodMultiple(new FixedValue<>(v));
        }

        /** @param v KL clip, {@code >= 0} (0 disables it) @return this */
        public Builder klClip(ParameterSpace<Double> v) {
            klClip = v;
            return this;
        }

        /** @param v KL clip, {@code >= 0} (0 disables it) @return this */
        public Builder klClip(double v) {
            return klClip(new FixedValue<>(v));
        }

        /**
         * @param v true for configurations in K-FAC's adaptive mode ({@link KFac#isAdaptive()}); then damping is the
         *          initial damping, and learning rate, momentum and KL clip may not be searched (the mode does not
         *          use them)
         * @return this
         */
        public Builder adaptive(boolean v) {
            adaptive = v;
            return this;
        }

        /** @param v steps between damping adaptations, {@code >= 1} (adaptive mode) @return this */
        public Builder dampingAdaptationPeriod(ParameterSpace<Integer> v) {
            dampingAdaptationPeriod = v;
            return this;
        }

        /** @param v steps between damping adaptations, {@code >= 1} (adaptive mode) @return this */
        public Builder dampingAdaptationPeriod(int v) {
            return dampingAdaptationPeriod(new FixedValue<>(v));
        }

        /** @param v per-step damping decay in (0, 1] (adaptive mode) @return this */
        public Builder dampingDecay(ParameterSpace<Double> v) {
            dampingDecay = v;
            return this;
        }

        /** @param v per-step damping decay in (0, 1] (adaptive mode) @return this */
        public Builder dampingDecay(double v) {
            return dampingDecay(new FixedValue<>(v));
        }

        /** @param v per-step damping boost, {@code >= 1} (adaptive mode) @return this */
        public Builder dampingBoost(ParameterSpace<Double> v) {
            dampingBoost = v;
            return this;
        }

        /** @param v per-step damping boost, {@code >= 1} (adaptive mode) @return this */
        public Builder dampingBoost(double v) {
            return dampingBoost(new FixedValue<>(v));
        }

        /** @param v lower bound of the adapted damping, {@code >= 0} @return this */
        public Builder minDamping(ParameterSpace<Double> v) {
            minDamping = v;
            return this;
        }

        /** @param v lower bound of the adapted damping, {@code >= 0} @return this */
        public Builder minDamping(double v) {
            return minDamping(new FixedValue<>(v));
        }

        /** @param v upper bound of the adapted damping, {@code >= minDamping} @return this */
        public Builder maxDamping(ParameterSpace<Double> v) {
            maxDamping = v;
            return this;
        }

        /** @param v upper bound of the adapted damping, {@code >= minDamping} @return this */
        public Builder maxDamping(double v) {
            return maxDamping(new FixedValue<>(v));
        }

        /**
         * @return the space
         * @throws IllegalArgumentException when an adaptive space searches learning rate, momentum or KL clip
         */
        public KFacSpace build() {
            if (adaptive && (learningRate != null || momentum != null || klClip != null)) {
                throw new IllegalArgumentException("KFacSpace: the adaptive mode chooses learning rate and momentum "
                        + "itself and has no KL clip; leave learningRate, momentum and klClip unset");
            }
            return new KFacSpace(this);
        }
    }
}
