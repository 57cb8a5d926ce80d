package org.precis.natgrad.wrap;

import java.util.function.Consumer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation function that behaves exactly like the one it wraps and hands the gradient its backward pass
 * returns, {@code delta = dL/dz} per example, to a sink. DL4J's {@code BaseLayer.backpropGradient} computes the
 * weight gradient as {@code input^T delta} and the bias gradient as the column sums of {@code delta}, so with the
 * layer's input the sink receives the two factors of the layer's gradient without a second forward product.
 * Installed in the layer's configuration only for the duration of one backward pass (see {@link KFacLayerWrapper});
 * never serialised on purpose. While it is installed, a copy of the configuration made from its JSON (as DL4J's
 * {@code ParallelWrapper} makes for its workers) would not load, so the dense layers' usual path,
 * {@link DenseBackward}, does without it.
 */
final class ActivationTap implements IActivation {

    private static final long serialVersionUID = 1L;

    private final IActivation wrapped;
    private final transient Consumer<INDArray> sink;

    private ActivationTap(IActivation wrapped, Consumer<INDArray> sink) {
        this.wrapped = wrapped;
        this.sink = sink;
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
        BaseLayer conf = (BaseLayer) layer.conf().getLayer();
        IActivation activation = conf.getActivationFn();
        conf.setActivationFn(new ActivationTap(activation, sink));
        try {
            return layer.backpropGradient(epsilon, workspaceMgr);
        } finally {
            conf.setActivationFn(activation);
        }
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return wrapped.getActivation(in, training);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        Pair<INDArray, INDArray> result = wrapped.backprop(in, epsilon);
        sink.accept(result.getFirst());
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
