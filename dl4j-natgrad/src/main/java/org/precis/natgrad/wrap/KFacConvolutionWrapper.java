package org.precis.natgrad.wrap;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.precis.natgrad.config.FisherType;
import org.precis.natgrad.estimator.KFacEstimator;
import org.precis.natgrad.estimator.LayerCurvature;
import org.precis.natgrad.memory.ScratchMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a DL4J {@code ConvolutionLayer} and records, on curvature steps, its input images and DL4J's own
 * {@code delta} (the per-example gradient at its pre-activations, {@code [m, O, oH, oW]}), captured by wrapping the
 * activation function for the duration of the backward pass, into its {@link LayerCurvature}; the block
 * ({@code ConvolutionKroneckerFactoredBlock}) turns them into KFC's factors. Forward and backward passes are
 * delegated unchanged.
 *
 * <p>The statistics are always those of the training labels (the empirical Fisher): with
 * {@link FisherType#SAMPLED} a convolution keeps them, with one warning, since the sampled error signal is not
 * propagated through the layers (pooling, flattening) between it and the output.
 */
public class KFacConvolutionWrapper extends KFacLayerWrapper {

    private static final Logger log = LoggerFactory.getLogger(KFacConvolutionWrapper.class);

    private final transient LayerCurvature curvature;
    private final transient KFacEstimator estimator;
    private transient INDArray delta;
    private transient boolean warnedSampled;

    /**
     * @param underlying the {@code ConvolutionLayer} to wrap
     * @param curvature  where the statistics go
     * @param estimator  says when to record
     */
    public KFacConvolutionWrapper(Layer underlying, LayerCurvature curvature, KFacEstimator estimator) {
        super(underlying, curvature, estimator);
        this.curvature = curvature;
        this.estimator = estimator;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!estimator.curvatureDue()) {
            return underlying.backpropGradient(epsilon, workspaceMgr);
        }
        if (estimator.fisherType() == FisherType.SAMPLED && !warnedSampled) {
            warnedSampled = true;
            log.warn("K-FAC: {} uses the empirical Fisher (the sampled Fisher is not propagated to convolutions)",
                    curvature.description());
        }
        Pair<Gradient, INDArray> result = ActivationTap.backpropKeepingDelta(underlying, epsilon, workspaceMgr,
                d -> delta = ScratchMemory.retain(delta, d));
        curvature.record(underlying.input(), delta);
        return result;
    }
}
