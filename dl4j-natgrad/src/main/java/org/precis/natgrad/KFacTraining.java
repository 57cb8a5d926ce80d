package org.precis.natgrad;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.precis.natgrad.adaptive.AdaptiveStepRule;
import org.precis.natgrad.blocks.ConvolutionKroneckerFactoredBlock;
import org.precis.natgrad.config.CurvatureApproximation;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.estimator.KFacEstimator;
import org.precis.natgrad.estimator.LayerCurvature;
import org.precis.natgrad.listener.KFacListener;
import org.precis.natgrad.wrap.KFacConvolutionWrapper;
import org.precis.natgrad.wrap.KFacLayerWrapper;
import org.precis.natgrad.wrap.KFacOutputLayerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches a DL4J network to K-FAC training. Two changes to an existing program:
 * <pre>{@code
 * .updater(new KFac())                  // in the configuration, instead of e.g. new Adam(1e-3)
 * KFacTraining.attach(net);             // once, after net.init() and before net.fit(...)
 * }</pre>
 *
 * <p>{@code attach} wraps every supported layer whose updater is {@link KFac} ({@code DenseLayer} with bias and
 * without layer norm or weight noise; {@code ConvolutionLayer} with bias and NCHW data, by KFC's Kronecker-factored
 * block; {@code OutputLayer} with softmax + cross-entropy or identity + MSE) and adds the {@link KFacListener}. Any
 * other layer with parameters keeps its plain gradient (with a {@code KFac} updater: SGD with momentum), and is named
 * in one warning.
 *
 * <p>Adaptive mode ({@link KFac#isAdaptive()}): every layer of the {@code MultiLayerNetwork} must be a preconditioned
 * dense or output layer, without input pre-processor, dropout, DL4J regularisation or gradient normalisation (each
 * would change the step the quadratic model chose, or the function it modelled); {@code attach} names the first layer
 * that is not, before changing anything. Graphs are not supported in adaptive mode.
 *
 * <p>Save and load: {@code ModelSerializer} saves a K-FAC network like any other (configuration with every K-FAC
 * hyperparameter, parameters, momentum state); {@link KFacSerializer} adds the curvature to the same file. After
 * loading, call {@code attach} again, then {@link KFacSerializer#restoreCurvature} to continue exactly; without it
 * the first training step re-estimates the factors and their inverses from its batch.
 *
 * <p>Listeners: add yours with {@code net.addListeners(...)}; {@code setListeners(...)} would remove K-FAC's, and
 * the {@link KFac} updater then refuses to step rather than train as SGD with momentum.
 */
public final class KFacTraining {

    private static final Logger log = LoggerFactory.getLogger(KFacTraining.class);

    private KFacTraining() {
    }

    /**
     * Builds, initialises and trains a network with K-FAC: the entry point for experiment harnesses.
     *
     * @param configuration a configuration whose layers use the {@link KFac} updater
     * @param train         training data; reset before each epoch
     * @param epochs        number of passes over {@code train}
     * @param listeners     extra listeners (timing, scores), added after K-FAC's own
     * @return the trained network (its layers still wrapped, ready to train further)
     */
    public static MultiLayerNetwork fit(MultiLayerConfiguration configuration, DataSetIterator train, int epochs,
                                        TrainingListener... listeners) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration);
        net.init();
        attach(net);
        net.addListeners(listeners);
        net.fit(train, epochs);
        return net;
    }

    /**
     * Attaches K-FAC to an initialised {@link MultiLayerNetwork} (initialises it when needed).
     *
     * @param net the network; its supported layers are replaced by wrappers and a listener is added
     * @return the listener that applies the curvature, with the estimator for inspection
     * @throws IllegalArgumentException when no supported layer uses the {@link KFac} updater, or a KFac
     *                                  hyperparameter is invalid
     * @throws IllegalStateException    when K-FAC is already attached
     */
    public static KFacListener attach(MultiLayerNetwork net) {
        if (net.getLayers() == null) {
            net.init();
        }
        Layer[] layers = net.getLayers();
        List<LayerCurvature> curvatures = new ArrayList<>();
        List<String> fallback = new ArrayList<>();
        LayerCurvature[] byIndex = new LayerCurvature[layers.length];
        for (int i = 0; i < layers.length; i++) {
            byIndex[i] = plan(layers[i], "layer " + i, i + "_", curvatures, fallback);
        }
        KFacEstimator estimator = new KFacEstimator(requireOneMode(requireAny(curvatures)));
        boolean adaptive = curvatures.get(0).config().isAdaptive();
        if (adaptive) {
            requireAdaptiveChain(net, byIndex);
        }
        KFacLayerWrapper[] wrappers = new KFacLayerWrapper[layers.length];
        for (int i = 0; i < layers.length; i++) {
            if (byIndex[i] != null) {
                wrappers[i] = wrap(layers[i], byIndex[i], estimator);
                layers[i] = wrappers[i];
            }
        }
        for (int i = 0; i + 1 < layers.length; i++) {
            if (wrappers[i] != null && wrappers[i + 1] != null
                    && net.getLayerWiseConfigurations().getInputPreProcess(i + 1) == null
                    && passesSignalUnchanged(wrappers[i + 1])) {
                wrappers[i].setConsumer(wrappers[i + 1]);
            }
        }
        AdaptiveStepRule rule = adaptive ? new AdaptiveStepRule(net, curvatures) : null;
        estimator.useStepRule(rule);
        KFacListener listener = new KFacListener(net, estimator, fallback, rule == null ? null : rule::lastStep);
        net.addListeners(listener);
        return listener;
    }

    /**
     * Attaches K-FAC to an initialised {@link ComputationGraph} (initialises it when needed). Same contract as
     * {@link #attach(MultiLayerNetwork)}.
     *
     * @param graph the graph; its supported layers are replaced by wrappers and a listener is added
     * @return the listener that applies the curvature
     */
    public static KFacListener attach(ComputationGraph graph) {
        if (graph.getLayers() == null) {
            graph.init();
        }
        GraphVertex[] vertices = graph.getVertices();
        List<LayerCurvature> curvatures = new ArrayList<>();
        List<String> fallback = new ArrayList<>();
        LayerCurvature[] byIndex = new LayerCurvature[vertices.length];
        for (GraphVertex vertex : vertices) {
            if (vertex.hasLayer()) {
                String name = vertex.getVertexName();
                byIndex[vertex.getVertexIndex()] =
                        plan(vertex.getLayer(), "layer '" + name + "'", name + "_", curvatures, fallback);
            }
        }
        KFacEstimator estimator = new KFacEstimator(requireOneMode(requireAny(curvatures)));
        if (curvatures.get(0).config().isAdaptive()) {
            throw new IllegalArgumentException("K-FAC: the adaptive mode supports MultiLayerNetwork only; use "
                    + "adaptive(false) for a ComputationGraph");
        }
        KFacLayerWrapper[] wrappers = new KFacLayerWrapper[vertices.length];
        Layer[] layers = graph.getLayers();
        for (GraphVertex vertex : vertices) {
            int index = vertex.getVertexIndex();
            if (byIndex[index] != null) {
                Layer original = vertex.getLayer();
                wrappers[index] = wrap(original, byIndex[index], estimator);
                ((LayerVertex) vertex).setLayer(wrappers[index]);
                for (int j = 0; j < layers.length; j++) {
                    if (layers[j] == original) {
                        layers[j] = wrappers[index];
                    }
                }
            }
        }
        for (GraphVertex vertex : vertices) {
            KFacLayerWrapper wrapper = wrappers[vertex.getVertexIndex()];
            VertexIndices[] outputs = vertex.getOutputVertices();
            if (wrapper == null || outputs == null || outputs.length != 1) {
                continue;
            }
            GraphVertex next = vertices[outputs[0].getVertexIndex()];
            KFacLayerWrapper consumer = wrappers[next.getVertexIndex()];
            if (consumer != null && ((LayerVertex) next).getLayerPreProcessor() == null
                    && next.getInputVertices().length == 1 && passesSignalUnchanged(consumer)) {
                wrapper.setConsumer(consumer);
            }
        }
        KFacListener listener = new KFacListener(graph, estimator, fallback);
        graph.addListeners(listener);
        return listener;
    }

    private static List<LayerCurvature> requireAny(List<LayerCurvature> curvatures) {
        if (curvatures.isEmpty()) {
            throw new IllegalArgumentException("K-FAC: no supported layer (DenseLayer, ConvolutionLayer, OutputLayer) "
                    + "uses the KFac updater; set .updater(new KFac()) in the configuration");
        }
        return curvatures;
    }

    /** Layers that disagree on the mode would apply a learning rate to an adaptive step, or none to a fixed one. */
    private static List<LayerCurvature> requireOneMode(List<LayerCurvature> curvatures) {
        boolean adaptive = curvatures.get(0).config().isAdaptive();
        for (LayerCurvature curvature : curvatures) {
            if (curvature.config().isAdaptive() != adaptive) {
                throw new IllegalArgumentException("K-FAC: " + curvature.description() + " has adaptive = "
                        + !adaptive + " but " + curvatures.get(0).description() + " has adaptive = " + adaptive
                        + "; all KFac layers must use the same mode");
            }
        }
        return curvatures;
    }

    /** @throws IllegalArgumentException naming the first layer the adaptive step cannot model exactly */
    private static void requireAdaptiveChain(MultiLayerNetwork net, LayerCurvature[] byIndex) {
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layers[i].conf().getLayer();
            String where = "K-FAC adaptive mode: layer " + i + " (" + conf.getClass().getSimpleName() + ", name '"
                    + conf.getLayerName() + "') ";
            if (byIndex[i] == null || conf instanceof ConvolutionLayer) {
                throw new IllegalArgumentException(where + "is not preconditioned by K-FAC as a dense layer; the "
                        + "adaptive mode needs every layer to be a DenseLayer or OutputLayer with the KFac updater");
            }
            if (net.getLayerWiseConfigurations().getInputPreProcess(i) != null) {
                throw new IllegalArgumentException(where + "has an input pre-processor, which the adaptive mode's "
                        + "forward-mode products do not replay");
            }
            if (conf.getIDropout() != null) {
                throw new IllegalArgumentException(where + "uses dropout, which the adaptive mode's quadratic model "
                        + "does not replay");
            }
            BaseLayer base = (BaseLayer) conf;
            if (!base.getRegularization().isEmpty() || !base.getRegularizationBias().isEmpty()) {
                throw new IllegalArgumentException(where + "has DL4J regularisation (l1/l2/weightDecay), which "
                        + "would change the chosen step; use KFac.weightDecay instead");
            }
            if (base.getGradientNormalization() != null
                    && base.getGradientNormalization() != GradientNormalization.None) {
                throw new IllegalArgumentException(where + "has gradient normalisation "
                        + base.getGradientNormalization() + ", which would change the chosen step");
            }
        }
    }

    /**
     * @return the layer's curvature when K-FAC preconditions it, else null (after warning when it has parameters)
     */
    private static LayerCurvature plan(Layer layer, String position, String keyPrefix, List<LayerCurvature> curvatures,
                                       List<String> fallback) {
        if (layer instanceof KFacLayerWrapper) {
            throw new IllegalStateException("K-FAC is already attached to this network");
        }
        if (layer instanceof BaseWrapperLayer) {
            // Frozen layers (transfer learning) are wrappers with no gradient to precondition: nothing to say.
            return null;
        }
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        String description = position + " (" + conf.getClass().getSimpleName() + ", name '" + conf.getLayerName()
                + "')";
        String reason = unsupportedReason(conf);
        if (reason == null) {
            KFac kfac = (KFac) ((BaseLayer) conf).getIUpdater();
            kfac.validate();
            FeedForwardLayer ff = (FeedForwardLayer) conf;
            LayerCurvature curvature = conf instanceof ConvolutionLayer c
                    ? new LayerCurvature(description, keyPrefix, layer, kfac, new ConvolutionKroneckerFactoredBlock(
                            (int) c.getNIn(), (int) c.getNOut(), c.getKernelSize(), c.getStride(), c.getPadding(),
                            c.getDilation(), c.getConvolutionMode() == ConvolutionMode.Same, kfac.getInverseMethod(),
                            description))
                    : new LayerCurvature(description, keyPrefix, layer, kfac, ff.getNIn(), ff.getNOut());
            curvatures.add(curvature);
            return curvature;
        }
        if (layer.numParams() > 0) {
            log.warn("K-FAC: {} keeps its plain gradient ({})", description, reason);
            fallback.add(description);
        }
        return null;
    }

    /** @return why K-FAC cannot precondition the layer, or null when it can */
    private static String unsupportedReason(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf.getClass() != DenseLayer.class && conf.getClass() != OutputLayer.class
                && conf.getClass() != ConvolutionLayer.class) {
            return "no curvature block for this layer type";
        }
        BaseLayer base = (BaseLayer) conf;
        IUpdater updater = base.getIUpdater();
        if (!(updater instanceof KFac)) {
            return "its updater is " + (updater == null ? "unset" : updater.getClass().getSimpleName())
                    + ", not KFac";
        }
        if (base.getWeightNoise() != null) {
            return "weight noise is not supported";
        }
        if (conf instanceof ConvolutionLayer conv) {
            return convolutionUnsupportedReason(conv, (KFac) updater);
        }
        if (conf instanceof DenseLayer dense) {
            if (!dense.hasBias()) {
                return "a DenseLayer without bias is not supported";
            }
            if (dense.isHasLayerNorm()) {
                return "layer norm is not supported";
            }
            return null;
        }
        OutputLayer output = (OutputLayer) conf;
        if (!output.hasBias()) {
            return "an OutputLayer without bias is not supported";
        }
        boolean softmaxCrossEntropy = output.getActivationFn() instanceof ActivationSoftmax
                && output.getLossFn() instanceof LossMCXENT;
        boolean identityMse = output.getActivationFn() instanceof ActivationIdentity
                && output.getLossFn() instanceof LossMSE;
        return softmaxCrossEntropy || identityMse ? null
                : "only softmax + cross-entropy and identity + MSE output layers are supported";
    }

    /** @return why KFC cannot precondition the convolution, or null when it can */
    private static String convolutionUnsupportedReason(ConvolutionLayer conv, KFac kfac) {
        if (!conv.hasBias()) {
            return "a ConvolutionLayer without bias is not supported";
        }
        if (conv.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            return "only NCHW convolutions are supported, got " + conv.getCnn2dDataFormat();
        }
        if (conv.getConvolutionMode() == ConvolutionMode.Causal) {
            return "causal convolutions are not supported";
        }
        if (kfac.getApproximation() != CurvatureApproximation.KRONECKER_FACTORED) {
            return "convolutions have the Kronecker-factored block only, not " + kfac.getApproximation();
        }
        return null;
    }

    private static KFacLayerWrapper wrap(Layer layer, LayerCurvature curvature, KFacEstimator estimator) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        if (conf instanceof ConvolutionLayer) {
            return new KFacConvolutionWrapper(layer, curvature, estimator);
        }
        return conf instanceof OutputLayer
                ? new KFacOutputLayerWrapper(layer, curvature, estimator)
                : new KFacLayerWrapper(layer, curvature, estimator);
    }

    /** Dropout on a consumer's input changes the error signal below it in a way the wrappers do not replay. */
    private static boolean passesSignalUnchanged(KFacLayerWrapper consumer) {
        return consumer.conf().getLayer().getIDropout() == null;
    }
}
