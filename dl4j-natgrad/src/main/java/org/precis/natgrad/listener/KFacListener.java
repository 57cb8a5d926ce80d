package org.precis.natgrad.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.estimator.KFacEstimator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link KFacEstimator} of one network at every training step. DL4J calls
 * {@link #onGradientCalculation} after backprop and before the updater, with the very gradient arrays the updater
 * reads; the estimator overwrites them in place (replacing map entries would have no effect).
 *
 * <p>It acts only on the network it was made for: {@code ComputationGraph.clone()} shares its listener list with
 * the original, so a clone's steps reach this listener too and are left alone (attach K-FAC to the clone itself).
 * Not serialisable for Spark: the curvature lives in this JVM only.
 *
 * <p>After each step, {@link #lastStep()} says what the step did (damping, learning rate, momentum and, in adaptive
 * mode, the quadratic model's fit); {@link KFacStatisticsListener} collects it per iteration.
 */
public class KFacListener extends BaseTrainingListener {

    private static final Logger log = LoggerFactory.getLogger(KFacListener.class);

    private final transient Model network;
    private final KFacEstimator estimator;
    private final List<String> fallbackLayers;
    private final transient Supplier<KFacStepStatistics> adaptiveStatistics;
    private KFacStepStatistics lastStep;
    private final transient List<KFac> updaters;
    private boolean warnedForeignModel;

    /**
     * @param network        the network whose layers the estimator's wrappers observe
     * @param estimator      the network's curvature
     * @param fallbackLayers descriptions of layers with parameters that keep their plain gradient
     */
    public KFacListener(Model network, KFacEstimator estimator, List<String> fallbackLayers) {
        this(network, estimator, fallbackLayers, null);
    }

    /**
     * @param network            the network whose layers the estimator's wrappers observe
     * @param estimator          the network's curvature
     * @param fallbackLayers     descriptions of layers with parameters that keep their plain gradient
     * @param adaptiveStatistics in adaptive mode, the statistics of the step just taken; null in fixed mode
     */
    public KFacListener(Model network, KFacEstimator estimator, List<String> fallbackLayers,
                        Supplier<KFacStepStatistics> adaptiveStatistics) {
        this.network = network;
        this.estimator = estimator;
        this.fallbackLayers = List.copyOf(fallbackLayers);
        this.adaptiveStatistics = adaptiveStatistics;
        this.updaters = kfacUpdaters(network);
    }

    /** Every {@link KFac} configuration of the network's layers, preconditioned or not. */
    private static List<KFac> kfacUpdaters(Model network) {
        Layer[] layers = network instanceof MultiLayerNetwork net ? net.getLayers()
                : network instanceof ComputationGraph graph ? graph.getLayers() : new Layer[0];
        List<KFac> found = new ArrayList<>();
        for (Layer layer : layers) {
            for (String key : layer.paramTable().keySet()) {
                if (layer.conf().getLayer().getUpdaterByParam(key) instanceof KFac kfac
                        && found.stream().noneMatch(k -> k == kfac)) {
                    found.add(kfac);
                }
            }
        }
        return found;
    }

    /** @return the network's curvature */
    public KFacEstimator estimator() {
        return estimator;
    }

    /** @return descriptions of the layers with parameters that K-FAC does not precondition (each warned once) */
    public List<String> fallbackLayers() {
        return fallbackLayers;
    }

    /** @return whether this listener preconditions {@code model} */
    public boolean isAttachedTo(Model model) {
        return model == network;
    }

    /** @return what the last training step did, or null before the first step */
    public KFacStepStatistics lastStep() {
        return lastStep;
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (model != network) {
            if (!warnedForeignModel) {
                warnedForeignModel = true;
                log.warn("K-FAC: ignoring a network this listener was not attached to (ComputationGraph.clone() "
                        + "shares listeners); such a network is preconditioned only by its own KFacTraining.attach");
            }
            return;
        }
        int iteration;
        int epoch;
        if (model instanceof MultiLayerNetwork net) {
            iteration = net.getIterationCount();
            epoch = net.getEpochCount();
        } else if (model instanceof ComputationGraph graph) {
            iteration = graph.getIterationCount();
            epoch = graph.getEpochCount();
        } else {
            throw new IllegalStateException("K-FAC supports MultiLayerNetwork and ComputationGraph, got "
                    + model.getClass().getName());
        }
        // In mini-batch mode DL4J's gradient is a sum over the batch, divided by the batch size only later.
        double scale = model.conf().isMiniBatch() ? model.batchSize() : 1.0;
        estimator.precondition(model.gradient(), iteration, epoch, scale);
        for (KFac kfac : updaters) {
            kfac.markPreconditioned(iteration);
        }
        lastStep = adaptiveStatistics != null ? adaptiveStatistics.get() : fixedStep(iteration, epoch);
    }

    private KFacStepStatistics fixedStep(int iteration, int epoch) {
        KFac config = estimator.layers().get(0).config();
        return new KFacStepStatistics(estimator.step() - 1, config.getDamping(),
                config.getLearningRate(iteration, epoch), config.getMomentum(), Double.NaN, Double.NaN, Double.NaN,
                Double.NaN);
    }
}
