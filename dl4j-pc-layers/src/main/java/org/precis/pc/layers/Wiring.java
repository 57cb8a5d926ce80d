package org.precis.pc.layers;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.precis.pc.conf.ConvolutionalLevel;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.RelaxationLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.params.PcParamInitializer;

/**
 * Which level of a predictive-coding hierarchy predicts which ({@code algorithms.md} §1): levels 0..L, level 0
 * clamped to the layer input, and one prediction mu_t = f(x_s W + b) per level t that carries an error. The
 * supervised layer predicts bottom-up (level l-1 predicts l; level 0 carries no error); the generative layer
 * top-down (level l+1 predicts l) with the top under a prior whose mean m is a parameter. Everything else in
 * {@link Relaxation} is the same for both directions.
 */
final class Wiring {

    /**
     * One value node.
     *
     * @param index level number
     * @param size units
     * @param form precision form of its error (NONE when it carries none)
     * @param paramKey key of its precision parameters ({@code s<l>} or {@code v<l>}), null without precision
     * @param categoricalWhenClamped whether a clamped value of this level has the categorical energy (the
     *     supervised top with {@link TopEnergy#CATEGORICAL})
     * @param positions values that share one diagonal precision: 1 for a dense level, height x width for a
     *     convolutional level (one precision per channel)
     */
    record Level(int index, long size, PrecisionForm form, String paramKey, boolean categoricalWhenClamped,
            long positions) {

        static Level of(int index, long size, PrecisionForm form, PrecisionEstimator estimator,
                boolean categoricalWhenClamped) {
            return of(index, size, 1, form, estimator, categoricalWhenClamped);
        }

        static Level of(int index, long size, long positions, PrecisionForm form, PrecisionEstimator estimator,
                boolean categoricalWhenClamped) {
            String key = form == PrecisionForm.NONE ? null
                    : estimator == PrecisionEstimator.RUNNING_MOMENTS ? PcParamInitializer.momentKey(index)
                    : PcParamInitializer.precisionKey(index);
            return new Level(index, size, form, key, categoricalWhenClamped, positions);
        }
    }

    /**
     * mu_target = f(x_source W + b), mu_target = pool(f(W * x_source + b)) for a convolution, or mu_target = m for a
     * prior ({@code source} -1, no weights).
     *
     * @param source level it predicts from, -1 for a prior
     * @param target level it predicts
     * @param weightKey key of W, null for a prior
     * @param biasKey key of b (of m for a prior)
     * @param activation f
     * @param convolution shapes of a convolutional prediction, null for a dense one
     */
    record Prediction(int source, int target, String weightKey, String biasKey, IActivation activation,
            ConvolutionGeometry convolution) {

        /** A dense prediction, or a prior. */
        Prediction(int source, int target, String weightKey, String biasKey, IActivation activation) {
            this(source, target, weightKey, biasKey, activation, null);
        }

        boolean isPrior() {
            return source < 0;
        }
    }

    private final Level[] levels;
    /** Every source before its target: the order of a sweep. */
    private final Prediction[] predictions;
    /** The prediction of each level, null for a level without error. */
    private final Prediction[] predictionOf;
    /** The predictions made from each level. */
    private final Prediction[][] madeFrom;

    private Wiring(Level[] levels, Prediction[] predictions) {
        this.levels = levels;
        this.predictions = predictions;
        predictionOf = new Prediction[levels.length];
        List<List<Prediction>> from = new ArrayList<>();
        for (int l = 0; l < levels.length; l++) {
            from.add(new ArrayList<>());
        }
        for (Prediction p : predictions) {
            predictionOf[p.target()] = p;
            if (!p.isPrior()) {
                from.get(p.source()).add(p);
            }
        }
        madeFrom = new Prediction[levels.length][];
        for (int l = 0; l < levels.length; l++) {
            madeFrom[l] = from.get(l).toArray(new Prediction[0]);
        }
    }

    /**
     * Bottom-up: level l-1 predicts level l through W<l>, b<l> for l = 1..L; level 0 carries no error. The lowest
     * levels may be convolutional ({@link PredictiveCodingOutputLayer#getConvolutionalLevels()}).
     */
    static Wiring supervised(PredictiveCodingOutputLayer c) {
        int top = c.numLevels();
        Level[] levels = new Level[top + 1];
        levels[0] = Level.of(0, c.levelSize(0), PrecisionForm.NONE, c.getPrecisionEstimator(), false);
        Prediction[] predictions = new Prediction[top];
        for (int l = 1; l <= top; l++) {
            ConvolutionalLevel conv = c.convolutionalLevel(l);
            ConvolutionGeometry geometry = conv == null ? null : new ConvolutionGeometry(c.levelShape(l - 1), conv);
            levels[l] = Level.of(l, c.levelSize(l), geometry == null ? 1 : geometry.outputPositions(),
                    c.levelPrecision(l), c.getPrecisionEstimator(),
                    l == top && c.getTopEnergy() == TopEnergy.CATEGORICAL);
            predictions[l - 1] = new Prediction(l - 1, l, PcParamInitializer.weightKey(l),
                    PcParamInitializer.biasKey(l), c.levelActivation(l), geometry);
        }
        return new Wiring(levels, predictions);
    }

    /** Top-down: the prior m predicts level L, level l+1 predicts level l through W<l+1>, b<l+1>. */
    static Wiring generative(GenerativePcLayer c) {
        int top = c.topLevel();
        Level[] levels = new Level[top + 1];
        for (int l = 0; l <= top; l++) {
            levels[l] = Level.of(l, c.levelSize(l), c.levelPrecision(l), c.getPrecisionEstimator(), false);
        }
        Prediction[] predictions = new Prediction[top + 1];
        predictions[0] = new Prediction(-1, top, null, PcParamInitializer.PRIOR_MEAN_KEY, new ActivationIdentity());
        for (int l = top - 1; l >= 0; l--) {
            predictions[top - l] = new Prediction(l + 1, l, PcParamInitializer.weightKey(l + 1),
                    PcParamInitializer.biasKey(l + 1), c.predictionActivation(l));
        }
        return new Wiring(levels, predictions);
    }

    /** @return the top level L */
    int top() {
        return levels.length - 1;
    }

    /** @return the level with index {@code l} */
    Level level(int l) {
        return levels[l];
    }

    /** @return every prediction, each source before its target */
    Prediction[] predictions() {
        return predictions;
    }

    /** @return the prediction of level {@code l}, or null if it carries no error */
    Prediction predictionOf(int l) {
        return predictionOf[l];
    }

    /** @return the predictions made from level {@code l} (empty for the top) */
    Prediction[] madeFrom(int l) {
        return madeFrom[l];
    }

    /**
     * The precision of one level for these options, with its own buffers.
     *
     * @param l the level
     * @param conf the layer's options (estimator, damping, decay)
     * @param dataType network data type
     * @return the precision
     */
    Precision precision(int l, RelaxationLayer conf, DataType dataType) {
        Level level = levels[l];
        return Precision.of(level.form(), conf.getPrecisionEstimator(), level.size(), level.positions(), dataType,
                conf.getPrecisionDamping(), conf.getPrecisionDecay());
    }

    /** @return the lowest level that carries an error (0 generative, 1 supervised) */
    int firstErrorLevel() {
        return predictionOf[0] != null ? 0 : 1;
    }
}
