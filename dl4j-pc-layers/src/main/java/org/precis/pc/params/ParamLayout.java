package org.precis.pc.params;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.precis.pc.conf.ConvolutionalLevel;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.GenerativeStart;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;

/**
 * The ordered parameter table of one predictive-coding layer: each entry's key, shape, kind and place inside DL4J's
 * flattened parameter (and gradient) view. The parameter count, the key lists, the views and the initialisation
 * all derive from this one list, so they cannot disagree.
 *
 * <p>The order is part of every saved model (the flattened vector is stored as is), so each layer keeps its own:
 * the supervised layer level by level ({@code W<l>, b<l>, s<l>}), the generative layer kind by kind (every
 * {@code W}, every {@code b}, every {@code s}, then {@code m}, then the recognition maps {@code R<l>, c<l>} of an
 * amortised start).
 */
final class ParamLayout {

    /**
     * One parameter.
     *
     * @param key parameter key
     * @param kind what it is
     * @param shape its shape; weights are [source size, target size]
     * @param order element order of the view ('f' for matrices, as DL4J's dense weights)
     * @param form precision form (precision parameters only, else null)
     * @param fanIn fan-in of a weight's initialisation (weights only)
     * @param fanOut fan-out of a weight's initialisation (weights only)
     */
    record Entry(String key, ParamKind kind, long[] shape, char order, PrecisionForm form, double fanIn,
            double fanOut) {

        /** A parameter whose fan-in and fan-out, if a weight, are its two dimensions. */
        Entry(String key, ParamKind kind, long[] shape, char order, PrecisionForm form) {
            this(key, kind, shape, order, form, shape[0], shape.length > 1 ? shape[1] : 1);
        }

        long length() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    private ParamLayout() {
    }

    /**
     * W<l>, b<l> and (if the level has one) s<l> for l = 1..L, level by level. A convolutional level has DL4J's
     * convolution weights [channels, inChannels, kH, kW] (order 'c', fan-in inChannels kH kW, fan-out
     * channels kH kW / (sH sW) as DL4J's {@code ConvolutionParamInitializer}), one bias per channel and, for the
     * diagonal form, one precision per channel.
     */
    static ParamLayout supervised(PredictiveCodingOutputLayer c) {
        ParamLayout layout = new ParamLayout();
        for (int l = 1; l <= c.numLevels(); l++) {
            ConvolutionalLevel conv = c.convolutionalLevel(l);
            if (conv == null) {
                layout.weight(l, c.levelSize(l - 1), c.levelSize(l));
                layout.bias(l, c.levelSize(l));
                layout.precision(l, c.levelPrecision(l), c.levelSize(l), c.getPrecisionEstimator());
            } else {
                long in = c.levelShape(l - 1)[0];
                long out = conv.getChannels();
                int[] k = conv.getKernelSize();
                int[] s = conv.getStride();
                layout.entries.add(new Entry(PcParamInitializer.weightKey(l), ParamKind.WEIGHT,
                        new long[] {out, in, k[0], k[1]}, 'c', null, in * k[0] * k[1],
                        out * k[0] * k[1] / ((double) s[0] * s[1])));
                layout.bias(l, out);
                layout.precision(l, c.levelPrecision(l), out, c.getPrecisionEstimator());
            }
        }
        return layout;
    }

    /** Every top-down W<l> (level l to l-1), then every b<l>, then s<0>..s<L>, then the prior mean m. */
    static ParamLayout generative(GenerativePcLayer c) {
        ParamLayout layout = new ParamLayout();
        for (int l = 1; l <= c.topLevel(); l++) {
            layout.weight(l, c.levelSize(l), c.levelSize(l - 1));
        }
        for (int l = 1; l <= c.topLevel(); l++) {
            layout.bias(l, c.levelSize(l - 1));
        }
        for (int l = 0; l <= c.topLevel(); l++) {
            layout.precision(l, c.levelPrecision(l), c.levelSize(l), c.getPrecisionEstimator());
        }
        layout.entries.add(new Entry(PcParamInitializer.PRIOR_MEAN_KEY, ParamKind.PRIOR_MEAN,
                new long[] {1, c.levelSize(c.topLevel())}, 'c', null));
        if (c.getStart() == GenerativeStart.AMORTISED) {
            // After every older parameter, so layers without an amortised start keep their layout.
            for (int l = 1; l <= c.topLevel(); l++) {
                layout.entries.add(new Entry(PcParamInitializer.recognitionWeightKey(l), ParamKind.RECOGNITION_WEIGHT,
                        new long[] {c.levelSize(l - 1), c.levelSize(l)}, 'f', null));
                layout.entries.add(new Entry(PcParamInitializer.recognitionBiasKey(l), ParamKind.RECOGNITION_BIAS,
                        new long[] {1, c.levelSize(l)}, 'c', null));
            }
        }
        return layout;
    }

    private void weight(int level, long from, long to) {
        entries.add(new Entry(PcParamInitializer.weightKey(level), ParamKind.WEIGHT, new long[] {from, to}, 'f',
                null));
    }

    private void bias(int level, long size) {
        entries.add(new Entry(PcParamInitializer.biasKey(level), ParamKind.BIAS, new long[] {1, size}, 'c', null));
    }

    private void precision(int level, PrecisionForm form, long size, PrecisionEstimator estimator) {
        if (form == PrecisionForm.NONE) {
            return;
        }
        long[] shape = form == PrecisionForm.FULL ? new long[] {size, size}
                : form == PrecisionForm.SCALAR ? new long[] {1, 1} : new long[] {1, size};
        if (estimator == PrecisionEstimator.RUNNING_MOMENTS) {
            entries.add(new Entry(PcParamInitializer.momentKey(level), ParamKind.ERROR_MOMENT, shape, 'f', form));
        } else {
            entries.add(new Entry(PcParamInitializer.precisionKey(level), ParamKind.PRECISION, shape, 'f', form));
        }
    }

    /** @return total number of parameters */
    long numParams() {
        long n = 0;
        for (Entry e : entries) {
            n += e.length();
        }
        return n;
    }

    /** @return every key, in layout order */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (Entry e : entries) {
            keys.add(e.key());
        }
        return keys;
    }

    /**
     * @param kind a parameter kind
     * @return the keys of that kind, in layout order (unmodifiable)
     */
    List<String> keys(ParamKind kind) {
        List<String> keys = new ArrayList<>();
        for (Entry e : entries) {
            if (e.kind() == kind) {
                keys.add(e.key());
            }
        }
        return Collections.unmodifiableList(keys);
    }

    /**
     * @param key a parameter key
     * @return its kind, or null if this layout has no such key
     */
    ParamKind kindOf(String key) {
        for (Entry e : entries) {
            if (e.key().equals(key)) {
                return e.kind();
            }
        }
        return null;
    }

    /**
     * Splits a flattened view into one view per parameter, in layout order.
     *
     * @param flat the layer's parameter or gradient view, of length {@link #numParams()} (not copied: the views
     *     share its storage)
     * @return key to view
     */
    Map<String, INDArray> views(INDArray flat) {
        INDArray v = flat.reshape(flat.length());
        Map<String, INDArray> out = Collections.synchronizedMap(new LinkedHashMap<>());
        long offset = 0;
        for (Entry e : entries) {
            INDArray slice = v.get(NDArrayIndex.interval(offset, offset + e.length()));
            out.put(e.key(), slice.reshape(e.order(), e.shape()));
            offset += e.length();
        }
        return out;
    }

    /**
     * Initialises every parameter in layout order: weights by {@code weightInit} (fan-in = source size, fan-out =
     * target size), biases to {@code biasInit}, the prior mean to 0, precisions to {@code initialPrecision} times the
     * identity (running moments to S = (1 / initialPrecision - damping) I, so that (S + damping I)^-1 is that
     * precision).
     *
     * @param views the views of {@link #views} (modified)
     * @param weightInit weight initialisation
     * @param biasInit initial value of every bias
     * @param initialPrecision initial precision
     * @param damping damping of the running moments
     */
    void initialise(Map<String, INDArray> views, IWeightInit weightInit, double biasInit, double initialPrecision,
            double damping) {
        for (Entry e : entries) {
            INDArray p = views.get(e.key());
            switch (e.kind()) {
                case WEIGHT, RECOGNITION_WEIGHT -> weightInit.init(e.fanIn(), e.fanOut(), e.shape(),
                        e.shape().length == 2 ? IWeightInit.DEFAULT_WEIGHT_INIT_ORDER : e.order(), p);
                case BIAS, RECOGNITION_BIAS -> p.assign(biasInit);
                case PRIOR_MEAN -> p.assign(0.0);
                case PRECISION -> initialisePrecision(e.form(), initialPrecision, p);
                case ERROR_MOMENT -> initialiseMoment(e.form(), 1.0 / initialPrecision - damping, p);
                default -> throw new IllegalStateException("Unknown parameter kind " + e.kind());
            }
        }
    }

    /** S = variance I: the full form's off-diagonal moments start at 0. */
    private static void initialiseMoment(PrecisionForm form, double variance, INDArray v) {
        if (form == PrecisionForm.FULL) {
            v.assign(0.0);
            for (long i = 0; i < v.size(0); i++) {
                v.putScalar(i, i, variance);
            }
        } else {
            v.assign(variance);
        }
    }

    /** Log-variances of precision * I: s = -ln(precision); for the full form a diagonal Cholesky factor. */
    private static void initialisePrecision(PrecisionForm form, double precision, INDArray s) {
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
}
