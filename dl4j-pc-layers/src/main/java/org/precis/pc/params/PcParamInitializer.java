package org.precis.pc.params;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitUtil;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;

/**
 * Parameters of a {@link PredictiveCodingOutputLayer}. Level l = 1..L (the output level is L) owns, in this order
 * inside the flattened view:
 * <ul>
 *   <li>{@code "W<l>"}: weights, shape [n_{l-1}, n_l], order 'f' (DL4J's dense orientation: a = x W + b);</li>
 *   <li>{@code "b<l>"}: bias, shape [1, n_l];</li>
 *   <li>{@code "s<l>"} (only if the level has a precision): log-variances, shape [1, 1] (scalar), [1, n_l]
 *       (diagonal) or [n_l, n_l] (full: strict lower triangle = Cholesky entries, diagonal = log of the Cholesky
 *       diagonal, strict upper triangle unused).</li>
 * </ul>
 * The key prefixes are constants; {@link #weightKey(int)} and friends build keys, {@link #kindOf(String)} parses
 * them.
 */
public final class PcParamInitializer implements ParamInitializer {

    /** Prefix of weight keys: {@code "W1"}, {@code "W2"}, ... */
    public static final String WEIGHT_PREFIX = "W";
    /** Prefix of bias keys: {@code "b1"}, {@code "b2"}, ... */
    public static final String BIAS_PREFIX = "b";
    /** Prefix of precision (log-variance) keys: {@code "s1"}, {@code "s2"}, ... */
    public static final String PRECISION_PREFIX = "s";

    private static final PcParamInitializer INSTANCE = new PcParamInitializer();

    /** Kinds of parameter a key can name. */
    public enum Kind {
        /** Weight matrix W_l. */
        WEIGHT,
        /** Bias b_l. */
        BIAS,
        /** Precision parameters (log-variances) of level l. */
        PRECISION,
        /** Not a key of this layer. */
        UNKNOWN
    }

    private PcParamInitializer() {
    }

    /** @return the singleton */
    public static PcParamInitializer getInstance() {
        return INSTANCE;
    }

    /**
     * @param level level index, 1-based
     * @return weight key of that level
     */
    public static String weightKey(int level) {
        return WEIGHT_PREFIX + level;
    }

    /**
     * @param level level index, 1-based
     * @return bias key of that level
     */
    public static String biasKey(int level) {
        return BIAS_PREFIX + level;
    }

    /**
     * @param level level index, 1-based
     * @return precision key of that level
     */
    public static String precisionKey(int level) {
        return PRECISION_PREFIX + level;
    }

    /**
     * Kind of a parameter key, from its prefix and a positive level number.
     *
     * @param key parameter key
     * @return its kind, {@link Kind#UNKNOWN} if it is not a key this initialiser produces
     */
    public static Kind kindOf(String key) {
        if (key == null || key.length() < 2 || levelOf(key) < 1) {
            return Kind.UNKNOWN;
        }
        switch (key.substring(0, 1)) {
            case WEIGHT_PREFIX:
                return Kind.WEIGHT;
            case BIAS_PREFIX:
                return Kind.BIAS;
            case PRECISION_PREFIX:
                return Kind.PRECISION;
            default:
                return Kind.UNKNOWN;
        }
    }

    /**
     * @param key parameter key
     * @return its level, or -1 if the key has no level number
     */
    public static int levelOf(String key) {
        try {
            return Integer.parseInt(key.substring(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static PredictiveCodingOutputLayer pc(Layer layer) {
        if (!(layer instanceof PredictiveCodingOutputLayer)) {
            throw new IllegalArgumentException("PcParamInitializer: unsupported layer type " + layer.getClass());
        }
        return (PredictiveCodingOutputLayer) layer;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        PredictiveCodingOutputLayer c = pc(layer);
        long n = 0;
        for (int l = 1; l <= c.numLevels(); l++) {
            n += c.levelSize(l - 1) * c.levelSize(l) + c.levelSize(l) + c.levelPrecision(l).numParams(c.levelSize(l));
        }
        return n;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        PredictiveCodingOutputLayer c = pc(layer);
        List<String> keys = new ArrayList<>();
        for (int l = 1; l <= c.numLevels(); l++) {
            keys.add(weightKey(l));
            keys.add(biasKey(l));
            if (c.levelPrecision(l) != PrecisionForm.NONE) {
                keys.add(precisionKey(l));
            }
        }
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        PredictiveCodingOutputLayer c = pc(layer);
        List<String> keys = new ArrayList<>();
        for (int l = 1; l <= c.numLevels(); l++) {
            keys.add(weightKey(l));
        }
        return Collections.unmodifiableList(keys);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        PredictiveCodingOutputLayer c = pc(layer);
        List<String> keys = new ArrayList<>();
        for (int l = 1; l <= c.numLevels(); l++) {
            keys.add(biasKey(l));
        }
        return Collections.unmodifiableList(keys);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return kindOf(key) == Kind.WEIGHT;
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return kindOf(key) == Kind.BIAS;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        PredictiveCodingOutputLayer c = pc(conf.getLayer());
        if (paramsView.length() != numParams(c)) {
            throw new IllegalStateException("PcParamInitializer: expected a params view of length " + numParams(c)
                    + ", got " + paramsView.length());
        }
        Map<String, INDArray> views = split(c, paramsView);
        if (initializeParams) {
            IWeightInit weightInit = c.getWeightInitFn() != null ? c.getWeightInitFn() : new WeightInitXavier();
            double biasInit = Double.isNaN(c.getBiasInit()) ? 0.0 : c.getBiasInit();
            for (int l = 1; l <= c.numLevels(); l++) {
                INDArray w = views.get(weightKey(l));
                weightInit.init(c.levelSize(l - 1), c.levelSize(l), w.shape(), IWeightInit.DEFAULT_WEIGHT_INIT_ORDER,
                        w);
                views.get(biasKey(l)).assign(biasInit);
                INDArray s = views.get(precisionKey(l));
                if (s != null) {
                    initPrecision(c.levelPrecision(l), c.getInitialPrecision(), s);
                }
            }
        }
        for (String key : views.keySet()) {
            conf.addVariable(key);
        }
        return views;
    }

    private static void initPrecision(PrecisionForm form, double precision, INDArray s) {
        if (form == PrecisionForm.FULL) {
            // Pi_ii = exp(2 t_i) for a diagonal Cholesky factor, so t = ln(precision) / 2.
            s.assign(0.0);
            long n = s.size(0);
            for (long i = 0; i < n; i++) {
                s.putScalar(i, i, 0.5 * Math.log(precision));
            }
        } else {
            s.assign(-Math.log(precision));
        }
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return split(pc(conf.getLayer()), gradientView);
    }

    private static Map<String, INDArray> split(PredictiveCodingOutputLayer c, INDArray flat) {
        INDArray v = flat.reshape(flat.length());
        Map<String, INDArray> out = Collections.synchronizedMap(new LinkedHashMap<>());
        long offset = 0;
        for (int l = 1; l <= c.numLevels(); l++) {
            long nPrev = c.levelSize(l - 1);
            long n = c.levelSize(l);
            out.put(weightKey(l), WeightInitUtil.reshapeWeights(new long[] {nPrev, n},
                    v.get(NDArrayIndex.interval(offset, offset + nPrev * n))));
            offset += nPrev * n;
            out.put(biasKey(l), v.get(NDArrayIndex.interval(offset, offset + n)).reshape(1, n));
            offset += n;
            PrecisionForm form = c.levelPrecision(l);
            long np = form.numParams(n);
            if (np > 0) {
                INDArray s = v.get(NDArrayIndex.interval(offset, offset + np));
                long[] shape = form == PrecisionForm.FULL ? new long[] {n, n}
                        : form == PrecisionForm.SCALAR ? new long[] {1, 1} : new long[] {1, n};
                out.put(precisionKey(l), s.reshape('f', shape));
                offset += np;
            }
        }
        return out;
    }
}
