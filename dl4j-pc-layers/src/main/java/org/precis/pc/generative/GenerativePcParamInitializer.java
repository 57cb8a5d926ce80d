package org.precis.pc.generative;

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
import org.precis.pc.params.PcParamInitializer;

/**
 * Parameters of a {@link GenerativePcLayer}, in this order inside the flattened view:
 * <ul>
 *   <li>{@code "W<l>"}, l = 1..L: the top-down map from level l to the prediction of level l-1, shape
 *       [n_l, n_{l-1}], order 'f' (a_{l-1} = x_l W_l + b_l);</li>
 *   <li>{@code "b<l>"}, l = 1..L: its bias, shape [1, n_{l-1}];</li>
 *   <li>{@code "s<l>"}, l = 0..L, only for levels with a precision: log-variances of level l's error, shaped as
 *       for the supervised layer ({@link PcParamInitializer}); {@code "s0"} is the data's, {@code "s<L>"} the
 *       prior's;</li>
 *   <li>{@code "m"}: the prior mean of the top level, shape [1, n_L].</li>
 * </ul>
 * The prefixes are those of {@link PcParamInitializer}, so both PC layers name weights, biases and precisions
 * alike; the level number of a weight or bias is the level it maps <em>from</em>.
 */
public final class GenerativePcParamInitializer implements ParamInitializer {

    /** Key of the prior mean of the top level. */
    public static final String PRIOR_MEAN_KEY = "m";

    private static final GenerativePcParamInitializer INSTANCE = new GenerativePcParamInitializer();

    /** Kinds of parameter a key can name. */
    public enum Kind {
        /** Top-down weight matrix W_l. */
        WEIGHT,
        /** Bias b_l of the top-down map. */
        BIAS,
        /** Precision parameters (log-variances) of level l. */
        PRECISION,
        /** Prior mean m of the top level. */
        PRIOR_MEAN,
        /** Not a key of this layer. */
        UNKNOWN
    }

    private GenerativePcParamInitializer() {
    }

    /** @return the singleton */
    public static GenerativePcParamInitializer getInstance() {
        return INSTANCE;
    }

    /**
     * Kind of a parameter key.
     *
     * @param key parameter key
     * @return its kind, {@link Kind#UNKNOWN} if this initialiser never produces it
     */
    public static Kind kindOf(String key) {
        if (PRIOR_MEAN_KEY.equals(key)) {
            return Kind.PRIOR_MEAN;
        }
        if (key == null || key.length() < 2) {
            return Kind.UNKNOWN;
        }
        int level = PcParamInitializer.levelOf(key);
        switch (key.substring(0, 1)) {
            case PcParamInitializer.WEIGHT_PREFIX:
                return level >= 1 ? Kind.WEIGHT : Kind.UNKNOWN;
            case PcParamInitializer.BIAS_PREFIX:
                return level >= 1 ? Kind.BIAS : Kind.UNKNOWN;
            case PcParamInitializer.PRECISION_PREFIX:
                return level >= 0 ? Kind.PRECISION : Kind.UNKNOWN;
            default:
                return Kind.UNKNOWN;
        }
    }

    private static GenerativePcLayer gen(Layer layer) {
        if (!(layer instanceof GenerativePcLayer)) {
            throw new IllegalArgumentException("GenerativePcParamInitializer: unsupported layer type "
                    + layer.getClass());
        }
        return (GenerativePcLayer) layer;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        GenerativePcLayer c = gen(layer);
        long n = c.levelSize(c.topLevel());
        for (int l = 1; l <= c.topLevel(); l++) {
            n += c.levelSize(l) * c.levelSize(l - 1) + c.levelSize(l - 1);
        }
        for (int l = 0; l <= c.topLevel(); l++) {
            n += c.levelPrecision(l).numParams(c.levelSize(l));
        }
        return n;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        GenerativePcLayer c = gen(layer);
        List<String> keys = new ArrayList<>(weightKeys(c));
        keys.addAll(biasKeys(c));
        for (int l = 0; l <= c.topLevel(); l++) {
            if (c.levelPrecision(l) != PrecisionForm.NONE) {
                keys.add(PcParamInitializer.precisionKey(l));
            }
        }
        keys.add(PRIOR_MEAN_KEY);
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        List<String> keys = new ArrayList<>();
        for (int l = 1; l <= gen(layer).topLevel(); l++) {
            keys.add(PcParamInitializer.weightKey(l));
        }
        return Collections.unmodifiableList(keys);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        List<String> keys = new ArrayList<>();
        for (int l = 1; l <= gen(layer).topLevel(); l++) {
            keys.add(PcParamInitializer.biasKey(l));
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
        GenerativePcLayer c = gen(conf.getLayer());
        if (paramsView.length() != numParams(c)) {
            throw new IllegalStateException("GenerativePcParamInitializer: expected a params view of length "
                    + numParams(c) + ", got " + paramsView.length());
        }
        Map<String, INDArray> views = split(c, paramsView);
        if (initializeParams) {
            IWeightInit weightInit = c.getWeightInitFn() != null ? c.getWeightInitFn() : new WeightInitXavier();
            double biasInit = Double.isNaN(c.getBiasInit()) ? 0.0 : c.getBiasInit();
            for (int l = 1; l <= c.topLevel(); l++) {
                INDArray w = views.get(PcParamInitializer.weightKey(l));
                weightInit.init(c.levelSize(l), c.levelSize(l - 1), w.shape(), IWeightInit.DEFAULT_WEIGHT_INIT_ORDER,
                        w);
                views.get(PcParamInitializer.biasKey(l)).assign(biasInit);
            }
            for (int l = 0; l <= c.topLevel(); l++) {
                INDArray s = views.get(PcParamInitializer.precisionKey(l));
                if (s != null) {
                    initPrecision(c.levelPrecision(l), c.getInitialPrecision(), s);
                }
            }
            views.get(PRIOR_MEAN_KEY).assign(0.0);
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
            for (long i = 0; i < s.size(0); i++) {
                s.putScalar(i, i, 0.5 * Math.log(precision));
            }
        } else {
            s.assign(-Math.log(precision));
        }
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return split(gen(conf.getLayer()), gradientView);
    }

    private static Map<String, INDArray> split(GenerativePcLayer c, INDArray flat) {
        INDArray v = flat.reshape(flat.length());
        Map<String, INDArray> out = Collections.synchronizedMap(new LinkedHashMap<>());
        long offset = 0;
        for (int l = 1; l <= c.topLevel(); l++) {
            long nFrom = c.levelSize(l);
            long nTo = c.levelSize(l - 1);
            out.put(PcParamInitializer.weightKey(l), WeightInitUtil.reshapeWeights(new long[] {nFrom, nTo},
                    v.get(NDArrayIndex.interval(offset, offset + nFrom * nTo))));
            offset += nFrom * nTo;
        }
        for (int l = 1; l <= c.topLevel(); l++) {
            long nTo = c.levelSize(l - 1);
            out.put(PcParamInitializer.biasKey(l), v.get(NDArrayIndex.interval(offset, offset + nTo)).reshape(1, nTo));
            offset += nTo;
        }
        for (int l = 0; l <= c.topLevel(); l++) {
            PrecisionForm form = c.levelPrecision(l);
            long n = c.levelSize(l);
            long np = form.numParams(n);
            if (np > 0) {
                INDArray s = v.get(NDArrayIndex.interval(offset, offset + np));
                long[] shape = form == PrecisionForm.FULL ? new long[] {n, n}
                        : form == PrecisionForm.SCALAR ? new long[] {1, 1} : new long[] {1, n};
                out.put(PcParamInitializer.precisionKey(l), s.reshape('f', shape));
                offset += np;
            }
        }
        long top = c.levelSize(c.topLevel());
        out.put(PRIOR_MEAN_KEY, v.get(NDArrayIndex.interval(offset, offset + top)).reshape(1, top));
        return out;
    }
}
