package org.precis.natgrad.wrap;

import java.util.function.Consumer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.precis.natgrad.config.FisherType;
import org.precis.natgrad.estimator.KFacEstimator;
import org.precis.natgrad.estimator.LayerCurvature;
import org.precis.natgrad.memory.ScratchMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a DL4J {@code DenseLayer} and records, on curvature steps, its input and the per-example gradient at its
 * pre-activations into its {@link LayerCurvature}. The gradients it returns are DL4J's: a plain dense layer's
 * backward pass starts from the pre-activations kept in its training forward pass instead of computing them again
 * ({@link DenseBackward}, the same operations otherwise); other layers' passes are delegated unchanged. When the
 * natural gradient is cheaper from the factors of the layer's gradient, every backward pass also records those
 * factors (the input and the layer's own {@code delta}, captured as it is computed); with the empirical Fisher they
 * then double as the curvature statistics, with no extra product.
 */
public class KFacLayerWrapper extends BaseWrapperLayer {

    private static final Logger log = LoggerFactory.getLogger(KFacLayerWrapper.class);

    private final transient LayerCurvature curvature;
    private final transient KFacEstimator estimator;
    private transient KFacLayerWrapper consumer;
    private transient INDArray epsilonCopy;
    private transient INDArray sampledEpsilon;
    private transient long sampledEpsilonStep = -1;
    private transient boolean warnedBrokenChain;
    /** The backward pass from the forward pass's pre-activations, for a plain DenseLayer; null otherwise. */
    private final transient DenseBackward denseBackward;

    /**
     * @param underlying the layer to wrap
     * @param curvature  where the statistics go
     * @param estimator  says when to record and which Fisher type
     */
    public KFacLayerWrapper(Layer underlying, LayerCurvature curvature, KFacEstimator estimator) {
        super(underlying);
        this.curvature = curvature;
        this.estimator = estimator;
        this.denseBackward = DenseBackward.supports(underlying) ? new DenseBackward() : null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return denseBackward == null ? underlying.activate(training, workspaceMgr)
                : denseBackward.activate(underlying, training, workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (denseBackward == null) {
            return underlying.activate(input, training, workspaceMgr);
        }
        underlying.setInput(input, workspaceMgr);
        return denseBackward.activate(underlying, training, workspaceMgr);
    }

    /** @return the curvature this wrapper records into */
    public LayerCurvature curvature() {
        return curvature;
    }

    /**
     * @param consumer the wrapped layer that takes this layer's output directly as its input, or null; the sampled
     *                 Fisher's error signal comes from it
     */
    public void setConsumer(KFacLayerWrapper consumer) {
        this.consumer = consumer;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        boolean curvatureDue = estimator.curvatureDue();
        boolean factors = recordsGradientFactors();
        if (!factors) {
            curvature.discardGradientFactors();
            if (!curvatureDue) {
                return backpropUnderlying(epsilon, workspaceMgr, null);
            }
        }
        boolean empirical = estimator.fisherType() == FisherType.EMPIRICAL;
        if (curvatureDue && epsilon != null && !(factors && empirical)) {
            // Some activation functions' backprop overwrites its arguments: keep our own copy, in a reused buffer
            // because DL4J's backprop runs between here and the recording.
            epsilonCopy = ScratchMemory.retain(epsilonCopy, epsilon);
        }
        Pair<Gradient, INDArray> result = factors
                ? backpropRecordingFactors(epsilon, workspaceMgr)
                : backpropUnderlying(epsilon, workspaceMgr, null);
        if (curvatureDue) {
            if (factors && empirical) {
                curvature.recordCurvatureFromGradientFactors();
            } else {
                try (MemoryWorkspace ignored = ScratchMemory.open(ScratchMemory.RECORD)) {
                    record(epsilon == null ? null : epsilonCopy);
                }
            }
        }
        return result;
    }

    /**
     * @return whether this step's backward pass should record the factors of the layer's gradient: when they make
     *         the natural gradient cheaper, and the layer's own {@code delta} is what its weight gradient uses (no
     *         mask)
     */
    protected boolean recordsGradientFactors() {
        INDArray input = underlying.input();
        return input != null && underlying.getMaskArray() == null && curvature.wantsGradientFactors(input.rows());
    }

    /**
     * The layer's backward pass, with the two factors of its weight gradient (the input and {@code delta}) recorded
     * as it computes them.
     */
    private Pair<Gradient, INDArray> backpropRecordingFactors(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        // Read during the pass: the input is the one the weight gradient uses, dropout applied.
        return backpropUnderlying(epsilon, workspaceMgr,
                delta -> curvature.recordGradientFactors(underlying.input(), delta));
    }

    /**
     * The wrapped layer's backward pass: from the pre-activations kept in the forward pass when they apply
     * ({@link DenseBackward}), else DL4J's own (with the activation function wrapped when {@code deltaSink} wants
     * {@code delta}).
     *
     * @param deltaSink receives {@code delta = dL/dz}, valid only during the call, or null
     */
    private Pair<Gradient, INDArray> backpropUnderlying(INDArray epsilon, LayerWorkspaceMgr workspaceMgr,
            Consumer<INDArray> deltaSink) {
        if (denseBackward != null) {
            Pair<Gradient, INDArray> result = denseBackward.backprop(underlying, epsilon, workspaceMgr, deltaSink);
            if (result != null) {
                return result;
            }
        }
        return deltaSink == null ? underlying.backpropGradient(epsilon, workspaceMgr)
                : ActivationTap.backpropKeepingDelta(underlying, epsilon, workspaceMgr, deltaSink);
    }

    private void record(INDArray epsilon) {
        // The input after backprop is the one the weight gradient used (dropout already applied). Only read here:
        // LayerCurvature.record copies it out of DL4J's workspace into its reused buffer.
        INDArray input = underlying.input();
        INDArray weights = underlying.getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray bias = underlying.getParam(DefaultParamInitializer.BIAS_KEY);
        INDArray preActivation = input.mmul(weights).addiRowVector(bias);
        INDArray outputGradient = null;
        if (estimator.fisherType() == FisherType.SAMPLED) {
            outputGradient = sampledOutputGradient(preActivation.dup());
            if (outputGradient != null) {
                // Read by the layer below after this recording's workspace has closed: keep it outside.
                sampledEpsilon = ScratchMemory.retain(sampledEpsilon, outputGradient.mmul(weights.transpose()));
                sampledEpsilonStep = estimator.step();
            } else if (!warnedBrokenChain) {
                warnedBrokenChain = true;
                log.warn("K-FAC: {} is not fed by an unbroken chain of preconditioned layers from the output layer; "
                        + "it uses the empirical Fisher", curvature.description());
            }
        }
        if (outputGradient == null) {
            outputGradient = empiricalOutputGradient(preActivation, epsilon);
        }
        curvature.record(input, outputGradient);
    }

    /**
     * @param preActivation {@code z = x W + b}, which this method may overwrite
     * @param epsilon       gradient of the loss with respect to this layer's output (null for an output layer)
     * @return the per-example gradient at the pre-activations for the training labels
     */
    protected INDArray empiricalOutputGradient(INDArray preActivation, INDArray epsilon) {
        return activationConf().getActivationFn().backprop(preActivation, epsilon).getFirst();
    }

    /**
     * @param preActivation {@code z = x W + b}, which this method may overwrite
     * @return the per-example gradient at the pre-activations for labels sampled from the model, or null when the
     *         sampled error signal from the layer above is unavailable
     */
    protected INDArray sampledOutputGradient(INDArray preActivation) {
        if (consumer == null || consumer.sampledEpsilonStep != estimator.step()) {
            return null;
        }
        INDArray epsilon = consumer.sampledEpsilon.castTo(preActivation.dataType());
        return activationConf().getActivationFn().backprop(preActivation, epsilon).getFirst();
    }

    /** @return the wrapped layer's configuration */
    protected BaseLayer activationConf() {
        return (BaseLayer) underlying.conf().getLayer();
    }
}
