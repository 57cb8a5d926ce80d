package org.precis.pc.layers;

import java.util.Map;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.blas.Gemm;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.params.PcParamInitializer;

/**
 * The amortised start of the generative layer ({@code GenerativeStart.AMORTISED}; hybrid predictive coding,
 * Tschantz et al. 2023): a bottom-up recognition pass x_l = h_l(x_{l-1} R_l + c_l) from the data that puts every
 * latent near its relaxed value before relaxation begins, and the local gradients that train it to predict the
 * relaxed latents, 1/2 sum_l ||x*_l - h_l(x*_{l-1} R_l + c_l)||^2 with x* the relaxed values (held fixed).
 *
 * <p>Buffers are allocated once per batch size, outside workspaces, like the engine's.
 */
final class AmortisedStart {

    private final int top;
    private final IActivation[] activation;
    private final INDArray[] pre;
    private final INDArray[] prediction;
    private final INDArray[] signal;
    private final INDArray ones;

    AmortisedStart(GenerativePcLayer conf, long batch, DataType dataType) {
        top = conf.topLevel();
        activation = new IActivation[top + 1];
        pre = new INDArray[top + 1];
        prediction = new INDArray[top + 1];
        signal = new INDArray[top + 1];
        ones = Nd4j.ones(dataType, 1, batch);
        for (int l = 1; l <= top; l++) {
            activation[l] = conf.recognitionActivation(l);
            pre[l] = Nd4j.create(dataType, batch, conf.levelSize(l));
            prediction[l] = Nd4j.create(dataType, batch, conf.levelSize(l));
            signal[l] = Nd4j.create(dataType, batch, conf.levelSize(l));
        }
    }

    /** h_l(input R_l + c_l) into {@link #prediction}[l]. */
    private INDArray recognise(int l, INDArray input, Map<String, INDArray> params, boolean training) {
        Gemm.multiply(input, false, params.get(PcParamInitializer.recognitionWeightKey(l)), false, pre[l], 1.0, 0.0);
        pre[l].addiRowVector(params.get(PcParamInitializer.recognitionBiasKey(l)));
        prediction[l].assign(pre[l]);
        INDArray act = activation[l].getActivation(prediction[l], training);
        if (act != prediction[l]) {
            prediction[l].assign(act);
        }
        return prediction[l];
    }

    /**
     * The bottom-up pass from the data: sets every latent x_1..x_L.
     *
     * @param x the engine's values; x[0] the bound data (not modified), x[1..L] overwritten
     * @param params the layer's parameter table (not modified)
     * @param training whether activations run in training mode
     */
    void start(INDArray[] x, Map<String, INDArray> params, boolean training) {
        for (int l = 1; l <= top; l++) {
            x[l].assign(recognise(l, x[l - 1], params, training));
        }
    }

    /**
     * Gradients of 1/2 sum_l ||x*_l - h_l(x*_{l-1} R_l + c_l)||^2, summed over the batch, into the recognition
     * views: dR_l = -x*_{l-1}^T (h' * r_l), dc_l = -sum_n h' * r_l with r_l = x*_l - h_l(.).
     *
     * @param x the relaxed values x*_0..x*_L (not modified)
     * @param params the layer's parameter table (not modified)
     * @param gradViews the layer's gradient views (recognition entries overwritten)
     */
    void writeGradients(INDArray[] x, Map<String, INDArray> params, Map<String, INDArray> gradViews) {
        for (int l = 1; l <= top; l++) {
            INDArray q = recognise(l, x[l - 1], params, true);
            INDArray residual = x[l].sub(q);
            ActivationDerivative.apply(activation[l], pre[l], q, residual, signal[l]);
            Gemm.multiply(x[l - 1], true, signal[l], false, gradViews.get(PcParamInitializer.recognitionWeightKey(l)),
                    -1.0, 0.0);
            Gemm.multiply(ones, false, signal[l], false, gradViews.get(PcParamInitializer.recognitionBiasKey(l)), -1.0,
                    0.0);
        }
    }
}
