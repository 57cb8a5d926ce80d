package org.precis.pc.params;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.RelaxationLayer;

/**
 * Parameters of both predictive-coding layers. Keys, for a hierarchy of levels 0..L:
 * <ul>
 *   <li>{@code "W<l>"}, l = 1..L: weights of the prediction between levels l-1 and l, in the layer's direction
 *       (supervised: level l-1 predicts level l, shape [n_{l-1}, n_l]; generative: level l predicts level l-1,
 *       shape [n_l, n_{l-1}]); order 'f', DL4J's dense orientation {@code a = x W + b};</li>
 *   <li>{@code "b<l>"}: the bias of that prediction, shape [1, target size];</li>
 *   <li>{@code "s<l>"}, only for a level with a gradient-estimated precision: log-variances of level l's error,
 *       shape [1, 1] (scalar), [1, n_l] (diagonal) or [n_l, n_l] (full: strict lower triangle = Cholesky entries,
 *       diagonal = log of the Cholesky diagonal, strict upper triangle unused); the supervised layer has them for
 *       levels 1..L, the generative layer for levels 0..L;</li>
 *   <li>{@code "v<l>"}, instead of {@code "s<l>"} for a level with a running-moment precision: the running second
 *       moment S of level l's error, shaped as {@code "s<l>"} (the full form holds the whole symmetric matrix);
 *       model state, written by the layer itself;</li>
 *   <li>{@code "m"} ({@link #PRIOR_MEAN_KEY}, generative layer only): the prior mean of the top level, [1, n_L];</li>
 *   <li>{@code "R<l>"}, {@code "c<l>"} (generative layer with an amortised start only): the recognition map from
 *       level l-1 to level l, [n_{l-1}, n_l] and [1, n_l].</li>
 * </ul>
 * Their order inside the flattened view is each layer's own and part of every saved model (see
 * {@code ParamLayout}).
 */
public final class PcParamInitializer implements ParamInitializer {

    /** Prefix of weight keys: {@code "W1"}, {@code "W2"}, ... */
    public static final String WEIGHT_PREFIX = "W";
    /** Prefix of bias keys: {@code "b1"}, {@code "b2"}, ... */
    public static final String BIAS_PREFIX = "b";
    /** Prefix of precision (log-variance) keys: {@code "s0"}, {@code "s1"}, ... */
    public static final String PRECISION_PREFIX = "s";
    /** Prefix of running error-moment keys: {@code "v0"}, {@code "v1"}, ... */
    public static final String MOMENT_PREFIX = "v";
    /** Prefix of the generative layer's recognition weight keys: {@code "R1"}, {@code "R2"}, ... */
    public static final String RECOGNITION_WEIGHT_PREFIX = "R";
    /** Prefix of the generative layer's recognition bias keys: {@code "c1"}, {@code "c2"}, ... */
    public static final String RECOGNITION_BIAS_PREFIX = "c";
    /** Key of the generative layer's prior mean of the top level. */
    public static final String PRIOR_MEAN_KEY = "m";

    private static final PcParamInitializer INSTANCE = new PcParamInitializer();

    private PcParamInitializer() {
    }

    /** @return the singleton */
    public static PcParamInitializer getInstance() {
        return INSTANCE;
    }

    /**
     * @param level upper level of the prediction, 1..L
     * @return weight key of that prediction
     */
    public static String weightKey(int level) {
        return WEIGHT_PREFIX + level;
    }

    /**
     * @param level upper level of the prediction, 1..L
     * @return bias key of that prediction
     */
    public static String biasKey(int level) {
        return BIAS_PREFIX + level;
    }

    /**
     * @param level level whose error the precision weighs
     * @return precision key of that level
     */
    public static String precisionKey(int level) {
        return PRECISION_PREFIX + level;
    }

    /**
     * @param level level whose error the running moment tracks
     * @return running-moment key of that level
     */
    public static String momentKey(int level) {
        return MOMENT_PREFIX + level;
    }

    /**
     * @param level level the recognition map predicts, 1..L
     * @return key of its weights (from level - 1 to level)
     */
    public static String recognitionWeightKey(int level) {
        return RECOGNITION_WEIGHT_PREFIX + level;
    }

    /**
     * @param level level the recognition map predicts, 1..L
     * @return key of its bias
     */
    public static String recognitionBiasKey(int level) {
        return RECOGNITION_BIAS_PREFIX + level;
    }

    /**
     * @param key a weight, bias, precision or moment key
     * @return its level number, or -1 if the key has none
     */
    public static int levelOf(String key) {
        try {
            return Integer.parseInt(key.substring(1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return -1;
        }
    }

    /**
     * Kind of one of a layer's parameters.
     *
     * @param layer a predictive-coding layer configuration
     * @param key parameter key
     * @return its kind
     * @throws IllegalArgumentException if the layer has no such parameter
     */
    public static ParamKind kindOf(Layer layer, String key) {
        ParamKind kind = layout(layer).kindOf(key);
        if (kind == null) {
            throw new IllegalArgumentException("Unknown parameter \"" + key + "\" of " + layer.getClass().getSimpleName()
                    + " \"" + layer.getLayerName() + "\": expected one of " + layout(layer).keys());
        }
        return kind;
    }

    static ParamLayout layout(Layer layer) {
        if (layer instanceof PredictiveCodingOutputLayer pc) {
            return ParamLayout.supervised(pc);
        }
        if (layer instanceof GenerativePcLayer gen) {
            return ParamLayout.generative(gen);
        }
        throw new IllegalArgumentException("PcParamInitializer: unsupported layer type " + layer.getClass());
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return layout(layer).numParams();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return layout(layer).keys();
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return layout(layer).keys(ParamKind.WEIGHT);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return layout(layer).keys(ParamKind.BIAS);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return layout(layer).kindOf(key) == ParamKind.WEIGHT;
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return layout(layer).kindOf(key) == ParamKind.BIAS;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Layer layer = conf.getLayer();
        ParamLayout layout = layout(layer);
        if (paramsView.length() != layout.numParams()) {
            throw new IllegalStateException("PcParamInitializer: expected a params view of length "
                    + layout.numParams() + " for " + layer.getClass().getSimpleName() + ", got "
                    + paramsView.length());
        }
        Map<String, INDArray> views = layout.views(paramsView);
        if (initializeParams) {
            RelaxationLayer c = (RelaxationLayer) layer;
            IWeightInit weightInit = c.getWeightInitFn() != null ? c.getWeightInitFn() : new WeightInitXavier();
            double biasInit = Double.isNaN(c.getBiasInit()) ? 0.0 : c.getBiasInit();
            layout.initialise(views, weightInit, biasInit, c.getInitialPrecision(), c.getPrecisionDamping());
        }
        for (String key : views.keySet()) {
            conf.addVariable(key);
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return layout(conf.getLayer()).views(gradientView);
    }
}
