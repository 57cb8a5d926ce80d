package org.precis.arbiter.natgrad;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.task.TaskListener;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.precis.natgrad.KFacTraining;
import org.precis.natgrad.config.KFac;

/**
 * Attaches K-FAC ({@link KFacTraining#attach}) to every candidate network whose configuration uses the
 * {@link KFac} updater, after Arbiter initialises it and before training; other candidates pass unchanged, so one
 * search may mix K-FAC and other updaters. Pass it to Arbiter's task creator:
 * {@code new MultiLayerNetworkTaskCreator(null, new KFacTaskListener())}.
 *
 * <p>Why a task listener: Arbiter builds and fits each candidate inside its own task, and the task listener's
 * {@code preProcess} is its only hook between {@code init()} and {@code fit()}.
 */
public class KFacTaskListener implements TaskListener {

    private static final long serialVersionUID = 1L;

    @Override
    public <T extends Model> T preProcess(T model, Candidate candidate) {
        if (model instanceof MultiLayerNetwork net) {
            attachIfUsed(net);
        } else if (model instanceof ComputationGraph graph) {
            if (graph.getConfiguration().getVertices().values().stream()
                    .filter(LayerVertex.class::isInstance)
                    .map(v -> ((LayerVertex) v).getLayerConf())
                    .anyMatch(KFacTaskListener::usesKFac)) {
                KFacTraining.attach(graph);
            }
        }
        return model;
    }

    /**
     * Attaches K-FAC to an initialised network when one of its layers uses the {@link KFac} updater; does
     * nothing otherwise. For code that builds networks from saved search results outside Arbiter.
     *
     * @param net an initialised network without K-FAC attached (modified: its supported layers get wrapped)
     * @return whether K-FAC was attached
     */
    public static boolean attachIfUsed(MultiLayerNetwork net) {
        if (net.getLayerWiseConfigurations().getConfs().stream().noneMatch(KFacTaskListener::usesKFac)) {
            return false;
        }
        KFacTraining.attach(net);
        return true;
    }

    @Override
    public void postProcess(Model model, Candidate candidate) {
        // Nothing to undo: the trained network keeps its K-FAC wrappers, as after any KFacTraining.attach.
    }

    private static boolean usesKFac(NeuralNetConfiguration conf) {
        return conf.getLayer() instanceof BaseLayer layer && layer.getIUpdater() instanceof KFac;
    }
}
