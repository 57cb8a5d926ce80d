package org.precis.pc.testutil;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.layers.PredictiveCodingOutputLayerImpl;
import org.precis.pc.params.PcParamInitializer;

/** Small double-precision networks holding one PC layer, and their plain-Java mirror for {@link ReferencePc}. */
public final class TinyNets {

    private TinyNets() {
    }

    /**
     * A network whose only layer is a PC layer built from {@code builder}, double precision, NoOp updater, with the
     * gradient estimator and no step bound: {@link ReferencePc} relaxes at the fixed state rate and learns
     * log-variances.
     */
    public static MultiLayerNetwork single(PredictiveCodingOutputLayer.Builder builder, long seed) {
        builder.precisionEstimator(PrecisionEstimator.GRADIENT).stepBound(0);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .list()
                .layer(builder.build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.initGradientsView();
        return net;
    }

    /** Random values for every precision parameter, inside the default variance bounds. */
    public static void randomisePrecisions(PredictiveCodingOutputLayerImpl layer, long seed) {
        PredictiveCodingOutputLayer c = (PredictiveCodingOutputLayer) layer.conf().getLayer();
        Nd4j.getRandom().setSeed(seed);
        for (int l = 1; l <= c.numLevels(); l++) {
            INDArray s = layer.getParam(PcParamInitializer.precisionKey(l));
            if (s == null) {
                continue;
            }
            INDArray r = Nd4j.rand(DataType.DOUBLE, s.shape()).subi(0.5).muli(0.8);
            if (c.levelPrecision(l) == PrecisionForm.FULL) {
                for (int i = 0; i < s.size(0); i++) {
                    for (int j = i + 1; j < s.size(1); j++) {
                        r.putScalar(i, j, 0.0);
                    }
                }
            }
            s.assign(r);
        }
    }

    /** The plain-Java mirror of a PC layer's parameters. */
    public static ReferencePc.Net mirror(PredictiveCodingOutputLayerImpl layer) {
        PredictiveCodingOutputLayer c = (PredictiveCodingOutputLayer) layer.conf().getLayer();
        int levels = c.numLevels();
        ReferencePc.Net net = new ReferencePc.Net();
        net.w = new double[levels][][];
        net.b = new double[levels][];
        net.s = new double[levels][][];
        net.forms = new PrecisionForm[levels];
        net.acts = new ReferencePc.Act[levels];
        net.categoricalTop = c.getTopEnergy() == TopEnergy.CATEGORICAL;
        for (int l = 1; l <= levels; l++) {
            net.w[l - 1] = layer.getParam(PcParamInitializer.weightKey(l)).toDoubleMatrix();
            net.b[l - 1] = layer.getParam(PcParamInitializer.biasKey(l)).toDoubleVector();
            net.forms[l - 1] = c.levelPrecision(l);
            INDArray s = layer.getParam(PcParamInitializer.precisionKey(l));
            net.s[l - 1] = s == null ? null : s.toDoubleMatrix();
            net.acts[l - 1] = act(c.levelActivation(l));
        }
        return net;
    }

    private static ReferencePc.Act act(IActivation a) {
        if (a instanceof ActivationTanH) {
            return ReferencePc.Act.TANH;
        }
        if (a instanceof ActivationIdentity) {
            return ReferencePc.Act.IDENTITY;
        }
        if (a instanceof ActivationSoftmax) {
            return ReferencePc.Act.SOFTMAX;
        }
        if (a instanceof ActivationReLU) {
            return ReferencePc.Act.RELU;
        }
        if (a instanceof ActivationSigmoid) {
            return ReferencePc.Act.SIGMOID;
        }
        throw new IllegalArgumentException("No reference for activation " + a);
    }

    /** One-hot rows for the given classes. */
    public static INDArray oneHot(int[] classes, int n) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, classes.length, n);
        for (int r = 0; r < classes.length; r++) {
            y.putScalar(r, classes[r], 1.0);
        }
        return y;
    }
}
