package org.precis.natgrad.wrap;

import java.util.Map;
import java.util.function.Consumer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.precis.natgrad.blas.Gemm;
import org.precis.natgrad.memory.ScratchMemory;

/**
 * The backward pass of a DL4J {@code DenseLayer} from the pre-activations {@code z = x W + b} of its own training
 * forward pass. DL4J's {@code BaseLayer.backpropGradient} computes {@code z} a second time, a matrix product as large
 * as the forward one (for a 784-256 layer at batch 128, 51 of the 206 million floating-point operations a whole
 * backpropagation step of a 784-256-256-10 network needs); this class keeps a copy of {@code z} from the forward pass
 * (one copy of the layer's output size) and computes the same gradients with the same ND4J operations: the bias
 * gradient as the column sums of {@code delta}, the weight gradient as {@code x^T delta}, the input gradient as
 * {@code delta W^T}.
 *
 * <p>It declines, and the caller runs DL4J's own backward pass, whenever the copy might not describe the pass being
 * differentiated: no training forward pass of its own since the last backward one (a layer with dropout or a mask
 * keeps DL4J's forward pass), a different input array since then, or an input whose data type differs from the
 * weights'. Only plain {@code DenseLayer}s qualify ({@link #supports}): with bias, without layer norm or weight
 * noise.
 */
final class DenseBackward {

    private INDArray preActivation;
    /**
     * The input array the kept pre-activations were computed from, compared by identity; null when none are kept
     * (after a pass of DL4J's own, or once a backward pass has used them).
     */
    private INDArray forwardInput;
    private INDArray flatGradient;
    private Map<String, INDArray> gradientViews;

    /**
     * @param layer a network's layer
     * @return whether {@code layer} is a DL4J {@code DenseLayer} whose backward pass this class reproduces
     */
    static boolean supports(Layer layer) {
        if (layer.getClass() != org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer.class) {
            return false;
        }
        org.deeplearning4j.nn.conf.layers.DenseLayer conf =
                (org.deeplearning4j.nn.conf.layers.DenseLayer) layer.conf().getLayer();
        return conf.hasBias() && !conf.isHasLayerNorm() && conf.getWeightNoise() == null;
    }

    /**
     * The layer's forward pass, its input already set. A training pass of a layer without dropout or mask computes
     * {@code z = x W + b} here, with the calls and the workspace of DL4J's {@code BaseLayer.preOutput}, keeps a copy
     * and applies the activation; the layer's configuration is not touched (a configuration copied while a pass runs,
     * as DL4J's {@code ParallelWrapper} copies it for its workers, must stay loadable). Any other pass is DL4J's own.
     *
     * @param layer        a layer this class {@link #supports}
     * @param training     whether the pass is a training one
     * @param workspaceMgr the network's workspace manager
     * @return the layer's activations, as its own {@code activate} returns them
     */
    INDArray activate(Layer layer, boolean training, LayerWorkspaceMgr workspaceMgr) {
        forwardInput = null;
        BaseLayer conf = (BaseLayer) layer.conf().getLayer();
        INDArray input = layer.input();
        INDArray weights = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        if (!training || conf.getIDropout() != null || layer.getMaskArray() != null || input == null
                || input.rank() != 2 || input.columns() != weights.rows()) {
            // DL4J's pass, with its dropout, mask and input checks (and their error messages).
            return layer.activate(training, workspaceMgr);
        }
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(), input.size(0),
                weights.size(1));
        input.castTo(z.dataType()).mmuli(weights, z);
        z.addiRowVector(layer.getParam(DefaultParamInitializer.BIAS_KEY));
        preActivation = ScratchMemory.retain(preActivation, z);
        forwardInput = input;
        return conf.getActivationFn().getActivation(z, true);
    }

    /**
     * The layer's backward pass from the kept pre-activations, or null when they do not apply (see the class
     * comment): then nothing has been computed or written, and the caller runs DL4J's own backward pass.
     *
     * @param layer        the layer whose forward pass went through {@link #activate}
     * @param epsilon      gradient of the loss with respect to the layer's output
     * @param workspaceMgr the network's workspace manager
     * @param deltaSink    receives {@code delta = dL/dz} (valid only during the call), or null
     * @return the gradient (written into the layer's gradient views) and the input gradient, as DL4J's
     *         {@code BaseLayer.backpropGradient} returns them; or null
     */
    Pair<Gradient, INDArray> backprop(Layer layer, INDArray epsilon, LayerWorkspaceMgr workspaceMgr,
            Consumer<INDArray> deltaSink) {
        INDArray input = layer.input();
        INDArray weights = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        boolean usable = input != null && input == forwardInput && epsilon != null && layer.getMaskArray() == null
                && input.dataType() == weights.dataType();
        forwardInput = null;
        if (!usable) {
            return null;
        }
        BaseLayer conf = (BaseLayer) layer.conf().getLayer();
        INDArray delta = conf.getActivationFn().backprop(preActivation, epsilon).getFirst();
        if (deltaSink != null) {
            deltaSink.accept(delta);
        }
        Map<String, INDArray> views = gradientViews(layer);
        Gradient gradient = new DefaultGradient();
        // The same operations, in the same order, as BaseLayer.backpropGradient.
        INDArray biasGradient = views.get(DefaultParamInitializer.BIAS_KEY);
        delta.sum(biasGradient, 0);
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                new long[] {weights.size(0), delta.size(0)}, 'f');
        epsilonNext = weights.mmuli(delta.transpose(), epsilonNext).transpose();
        INDArray weightGradient = views.get(DefaultParamInitializer.WEIGHT_KEY);
        Gemm.multiply(input, true, delta, false, weightGradient, 1.0, 0.0);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        return new Pair<>(gradient, epsilonNext);
    }

    /** @return the layer's gradient views by parameter name, made again only when its gradient array changes */
    private Map<String, INDArray> gradientViews(Layer layer) {
        INDArray flat = layer.getGradientsViewArray();
        if (flat != flatGradient) {
            gradientViews = layer.conf().getLayer().initializer().getGradientsFromFlattened(layer.conf(), flat);
            flatGradient = flat;
        }
        return gradientViews;
    }
}
