package org.precis.pc.testutil;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.layers.GenerativePcLayerImpl;
import org.precis.pc.params.PcParamInitializer;

/**
 * Plain-Java (double) energy of the generative direction of {@code algorithms.md} §1, written from the equations:
 * mu_l = f_l(x_{l+1} W_{l+1} + b_{l+1}) for l &lt; L, mu_L = m, F = sum_l sum_n [1/2 e^T Pi_l e - 1/2 log det Pi_l].
 * Shares only the generic helpers of {@link ReferencePc} (pre-activation, activation, Pi, log det).
 */
public final class ReferenceGenerativePc {

    /** Parameters: index l as in the equations (w[0] and b[0] unused). */
    public static final class Net {
        public double[][][] w;
        public double[][] b;
        public double[][][] s;
        public PrecisionForm[] forms;
        public ReferencePc.Act[] acts;
        public double[] m;
    }

    private ReferenceGenerativePc() {
    }

    /** Energy summed over the batch; values[0] is the data, values[l] level l's latents. */
    public static double energy(Net net, double[][][] values) {
        int top = values.length - 1;
        double total = 0;
        for (int l = 0; l <= top; l++) {
            double[][] mu;
            if (l < top) {
                mu = ReferencePc.activate(net.acts[l], ReferencePc.preActivation(values[l + 1], net.w[l + 1],
                        net.b[l + 1]));
            } else {
                mu = new double[values[top].length][];
                for (int r = 0; r < mu.length; r++) {
                    mu[r] = net.m.clone();
                }
            }
            int n = mu[0].length;
            double[][] pi = ReferencePc.precision(net.forms[l], net.s[l], n);
            double ld = ReferencePc.logDet(net.forms[l], net.s[l], n);
            for (int r = 0; r < mu.length; r++) {
                double q = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        q += (values[l][r][i] - mu[r][i]) * pi[i][j] * (values[l][r][j] - mu[r][j]);
                    }
                }
                total += 0.5 * q - 0.5 * ld;
            }
        }
        return total;
    }

    /** Plain-Java copy of a layer's parameters. */
    public static Net mirror(GenerativePcLayerImpl layer) {
        GenerativePcLayer c = (GenerativePcLayer) layer.conf().getLayer();
        int top = c.topLevel();
        Net net = new Net();
        net.w = new double[top + 1][][];
        net.b = new double[top + 1][];
        net.s = new double[top + 1][][];
        net.forms = new PrecisionForm[top + 1];
        net.acts = new ReferencePc.Act[top];
        for (int l = 1; l <= top; l++) {
            net.w[l] = layer.getParam(PcParamInitializer.weightKey(l)).toDoubleMatrix();
            net.b[l] = layer.getParam(PcParamInitializer.biasKey(l)).toDoubleVector();
        }
        for (int l = 0; l <= top; l++) {
            net.forms[l] = c.levelPrecision(l);
            INDArray s = layer.getParam(PcParamInitializer.precisionKey(l));
            net.s[l] = s == null ? null : s.toDoubleMatrix();
            if (l < top) {
                net.acts[l] = act(c.predictionActivation(l));
            }
        }
        net.m = layer.getParam(PcParamInitializer.PRIOR_MEAN_KEY).toDoubleVector();
        return net;
    }

    private static ReferencePc.Act act(IActivation a) {
        if (a instanceof ActivationTanH) {
            return ReferencePc.Act.TANH;
        }
        if (a instanceof ActivationIdentity) {
            return ReferencePc.Act.IDENTITY;
        }
        if (a instanceof ActivationSigmoid) {
            return ReferencePc.Act.SIGMOID;
        }
        throw new IllegalArgumentException("No reference for activation " + a);
    }

    /** A double-precision network whose only layer is built from {@code builder}, NoOp updater. */
    public static MultiLayerNetwork single(GenerativePcLayer.Builder builder, long seed) {
        // The reference relaxes at the fixed state rate and learns log-variances.
        builder.precisionEstimator(PrecisionEstimator.GRADIENT).stepBound(0);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE)
                .updater(new NoOp()).list().layer(builder.build()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.initGradientsView();
        return net;
    }
}
