package org.precis.spark.kfac;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.precis.natgrad.config.CurvatureApproximation;
import org.precis.natgrad.config.KFac;

/** Reads which layers of a network are configured for K-FAC. */
final class KFacLayers {

    private KFacLayers() {
    }

    /** @return whether any layer of {@code model} uses the {@link KFac} updater */
    static boolean usesKFac(Model model) {
        return firstKFac(model) != null;
    }

    /** @return the K-FAC configuration of the first layer that uses it, or null */
    static KFac firstKFac(Model model) {
        for (Layer layer : layerConfigurations(model)) {
            if (layer instanceof BaseLayer base && base.getIUpdater() instanceof KFac kfac) {
                return kfac;
            }
        }
        return null;
    }

    /**
     * @throws IllegalArgumentException when {@code sharing} cannot carry the curvature of this network's K-FAC
     *                                  layers (averaging needs Kronecker-factored blocks)
     */
    static void requireSupported(Model model, CurvatureSharing sharing) {
        if (sharing != CurvatureSharing.AVERAGED) {
            return;
        }
        for (Layer layer : layerConfigurations(model)) {
            if (layer instanceof BaseLayer base && base.getIUpdater() instanceof KFac kfac
                    && kfac.getApproximation() != CurvatureApproximation.KRONECKER_FACTORED) {
                throw new IllegalArgumentException("CurvatureSharing.AVERAGED carries Kronecker-factored curvature "
                        + "only; layer '" + layer.getLayerName() + "' uses K-FAC approximation "
                        + kfac.getApproximation() + " (use CurvatureSharing.PER_ROUND)");
            }
        }
    }

    private static Layer[] layerConfigurations(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return net.getLayerWiseConfigurations().getConfs().stream().map(NeuralNetConfiguration::getLayer)
                    .toArray(Layer[]::new);
        }
        if (model instanceof ComputationGraph graph) {
            return graph.getConfiguration().getVertices().values().stream()
                    .filter(v -> v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex)
                    .map(v -> ((org.deeplearning4j.nn.conf.graph.LayerVertex) v).getLayerConf().getLayer())
                    .toArray(Layer[]::new);
        }
        throw new IllegalArgumentException("K-FAC supports MultiLayerNetwork and ComputationGraph, got "
                + model.getClass().getName());
    }
}
