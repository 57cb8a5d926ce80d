package org.precis.natgrad.updaters;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * ND4J's {@link Adam} (Kingma and Ba 2015, as ND4J computes it: {@code m <- beta1 m + (1 - beta1) g},
 * {@code v <- beta2 v + (1 - beta2) g^2}, update {@code alpha_t m / (sqrt(v) + epsilon)} with
 * {@code alpha_t = lr sqrt(1 - beta2^t) / (1 - beta1^t)}), whose element-wise step runs as a Java loop instead of
 * ND4J's native {@code adam_updater} op: on the CPU backend that op does not vectorise and takes about 5 ns per
 * parameter here, 1.3 ms a step for a 784-256-256-10 network, a quarter of its backpropagation step; the loop takes
 * an eighth of that. Use it wherever {@code new Adam(...)} would go:
 *
 * <pre>{@code
 * new NeuralNetConfiguration.Builder().updater(new JavaAdam(1e-3))...
 * }</pre>
 *
 * <p>Same hyperparameters, defaults ({@link Adam#DEFAULT_ADAM_LEARNING_RATE} 1e-3, beta1
 * {@link Adam#DEFAULT_ADAM_BETA1_MEAN_DECAY} 0.9, beta2 {@link Adam#DEFAULT_ADAM_BETA2_VAR_DECAY} 0.999, epsilon
 * {@link Adam#DEFAULT_ADAM_EPSILON} 1e-8), learning-rate schedules and updater state layout ({@code M} then
 * {@code V}) as {@code Adam}, so the updater state of a saved network trained with either continues with the
 * other. The update equals ND4J's to float rounding (the tests bound the difference). The Java loop serves
 * {@code FLOAT} parameters on the CPU backend whose gradient and state are whole runs of memory (DL4J's flattened
 * views always are); anything else ({@code DOUBLE}, {@code HALF}, the CUDA backend) runs ND4J's op, unchanged.
 *
 * <p>Serialises to JSON under its own class name; it is not {@code equals} to an {@code Adam} with the same
 * hyperparameters, so DL4J never merges the two into one updater block.
 */
public class JavaAdam extends Adam {

    /** Adam with the default hyperparameters. */
    public JavaAdam() {
        super();
    }

    /** @param learningRate the learning rate (default 1e-3) */
    public JavaAdam(double learningRate) {
        super(learningRate);
    }

    /** @param learningRateSchedule the learning-rate schedule */
    public JavaAdam(ISchedule learningRateSchedule) {
        super(learningRateSchedule);
    }

    /**
     * @param learningRate the learning rate (default 1e-3)
     * @param beta1 decay of the gradient's moving average (default 0.9)
     * @param beta2 decay of the squared gradient's moving average (default 0.999)
     * @param epsilon added to sqrt(v) (default 1e-8)
     */
    public JavaAdam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    @JsonCreator
    JavaAdam(@JsonProperty("learningRate") double learningRate,
            @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
            @JsonProperty("beta1") double beta1, @JsonProperty("beta2") double beta2,
            @JsonProperty("epsilon") double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
        setLearningRateSchedule(learningRateSchedule);
    }

    /**
     * A builder of {@code JavaAdam} with {@code Adam}'s options and defaults (ND4J's {@code Adam.builder()} would
     * build a plain {@code Adam}).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code Adam}'s builder, building a {@code JavaAdam}: every option keeps {@code Adam}'s default. */
    public static class Builder extends Adam.Builder {

        /** A builder with every option at its default. */
        public Builder() {
            super();
        }

        @Override
        public JavaAdam build() {
            Adam adam = super.build();
            return new JavaAdam(adam.getLearningRate(), adam.getLearningRateSchedule(), adam.getBeta1(),
                    adam.getBeta2(), adam.getEpsilon());
        }
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        JavaAdamUpdater u = new JavaAdamUpdater(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        long[] gradientShape = flat.shape().clone();
        gradientShape[0] /= 2;
        u.setStateViewArray(flat, gradientShape, flat.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        JavaAdamUpdater u = new JavaAdamUpdater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public JavaAdam clone() {
        return new JavaAdam(getLearningRate(), getLearningRateSchedule(), getBeta1(), getBeta2(), getEpsilon());
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof JavaAdam;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JavaAdam && super.equals(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(JavaAdam.class, super.hashCode());
    }

    @Override
    public String toString() {
        return "JavaAdam(learningRate=" + getLearningRate() + ", learningRateSchedule=" + getLearningRateSchedule()
                + ", beta1=" + getBeta1() + ", beta2=" + getBeta2() + ", epsilon=" + getEpsilon() + ")";
    }
}
