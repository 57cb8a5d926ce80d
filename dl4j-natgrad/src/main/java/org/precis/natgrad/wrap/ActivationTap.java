package org.precis.natgrad.wrap;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation function that behaves exactly like the one it wraps and hands what passes through it to a sink: in
 * the forward pass the pre-activations {@code z = x W + b} it is applied to (before it overwrites them), in the
 * backward pass the gradient it returns, {@code delta = dL/dz} per example. DL4J's {@code BaseLayer.backpropGradient}
 * computes the weight gradient as {@code input^T delta} and the bias gradient as the column sums of {@code delta}, so
 * with the layer's input the sink receives the two factors of the layer's gradient without a second forward product.
 * Installed only for the duration of one pass (see {@link KFacLayerWrapper}); never serialised.
 */
final class ActivationTap implements IActivation {

    private static final long serialVersionUID = 1L;

    private final IActivation wrapped;
    private final transient Consumer<INDArray> forwardSink;
    private final transient Consumer<INDArray> backwardSink;

    private ActivationTap(IActivation wrapped, Consumer<INDArray> forwardSink, Consumer<INDArray> backwardSink) {
        this.wrapped = wrapped;
        this.forwardSink = forwardSink;
        this.backwardSink = backwardSink;
    }

    /**
     * Runs the layer's own backward pass with its activation function wrapped for the duration, so that the
     * {@code delta} it computes reaches {@code sink}.
     *
     * @param layer        the layer (its configuration's activation is restored afterwards, whatever happens)
     * @param epsilon      gradient at the layer's output
     * @param workspaceMgr the network's workspace manager
     * @param sink         receives {@code delta}, a workspace array valid only during the call
     * @return what the layer's backward pass returned
     */
    static Pair<Gradient, INDArray> backpropKeepingDelta(Layer layer, INDArray epsilon,
            LayerWorkspaceMgr workspaceMgr, Consumer<INDArray> sink) {
        return tapped(layer, null, sink, () -> layer.backpropGradient(epsilon, workspaceMgr));
    }

    /**
     * Runs the layer's own forward pass with its activation function wrapped for the duration, so that the
     * pre-activations it computes reach {@code sink} before the activation overwrites them.
     *
     * @param layer        the layer, its input already set (its configuration's activation is restored afterwards)
     * @param training     whether the pass is a training one
     * @param workspaceMgr the network's workspace manager
     * @param sink         receives {@code z = x W + b}, a workspace array valid only during the call
     * @return the layer's activations
     */
    static INDArray activateKeepingPreActivation(Layer layer, boolean training, LayerWorkspaceMgr workspaceMgr,
            Consumer<INDArray> sink) {
        return tapped(layer, sink, null, () -> layer.activate(training, workspaceMgr));
    }

    /** Runs {@code pass} with the layer's activation function tapped, and restores it whatever happens. */
    private static <T> T tapped(Layer layer, Consumer<INDArray> forwardSink, Consumer<INDArray> backwardSink,
            Supplier<T> pass) {
        BaseLayer conf = (BaseLayer) layer.conf().getLayer();
        IActivation activation = conf.getActivationFn();
        conf.setActivationFn(new ActivationTap(activation, forwardSink, backwardSink));
        try {
            return pass.get();
        } finally {
            conf.setActivationFn(activation);
        }
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        if (forwardSink != null) {
            forwardSink.accept(in);
        }
        return wrapped.getActivation(in, training);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        Pair<INDArray, INDArray> result = wrapped.backprop(in, epsilon);
        if (backwardSink != null) {
            backwardSink.accept(result.getFirst());
        }
        return result;
    }

    @Override
    public int numParams(int inputSize) {
        return wrapped.numParams(inputSize);
    }

    @Override
    public String toString() {
        return wrapped.toString();
    }
}
