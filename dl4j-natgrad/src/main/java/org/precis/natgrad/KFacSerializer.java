package org.precis.natgrad;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.listener.KFacListener;

/**
 * Saves K-FAC's curvature (step counter, every layer's factors and inverses) beside a model saved by DL4J's
 * {@link ModelSerializer}, and restores it, so that training resumed from the file takes exactly the steps an
 * uninterrupted run would (bit for bit on the CPU backend). Without it a reloaded network re-estimates its
 * curvature from the first batch after {@link KFacTraining#attach}.
 * <pre>{@code
 * ModelSerializer.writeModel(net, file, true);            // parameters, configuration, momentum
 * KFacSerializer.addCurvatureToModel(file, net);          // K-FAC's curvature
 * ...
 * MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
 * KFacTraining.attach(restored);
 * KFacSerializer.restoreCurvature(file, restored);
 * }</pre>
 * The curvature is stored as one entry of the model file ({@link ModelSerializer#addObjectToFile}), each array in
 * ND4J's binary format.
 */
public final class KFacSerializer {

    /** Name of the curvature's entry in the model file. */
    public static final String CURVATURE_ENTRY = "kfac-curvature";

    private KFacSerializer() {
    }

    /**
     * Adds the curvature of the K-FAC attached to {@code network} to a model file.
     *
     * @param modelFile a file written by {@link ModelSerializer#writeModel}; rewritten with one more entry
     * @param network   a network K-FAC is attached to
     * @throws IllegalArgumentException when K-FAC is not attached to {@code network}
     */
    public static void addCurvatureToModel(File modelFile, Model network) {
        LinkedHashMap<String, byte[]> arrays = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, INDArray> e : listenerOf(network).estimator().state().entrySet()) {
                arrays.put(e.getKey(), Nd4j.toByteArray(e.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialise the K-FAC curvature", e);
        }
        ModelSerializer.addObjectToFile(modelFile, CURVATURE_ENTRY, arrays);
    }

    /**
     * Restores the curvature saved in a model file into the K-FAC attached to {@code network}.
     *
     * @param modelFile a model file, with or without a curvature entry
     * @param network   the network restored from that file, with K-FAC attached
     * @return whether the file held a curvature (if not, K-FAC re-estimates it from the next batch)
     * @throws IllegalArgumentException when K-FAC is not attached, or the curvature belongs to another network shape
     */
    public static boolean restoreCurvature(File modelFile, Model network) {
        KFacListener listener = listenerOf(network);
        if (!ModelSerializer.listObjectsInFile(modelFile).contains(CURVATURE_ENTRY)) {
            return false;
        }
        Map<String, byte[]> arrays = ModelSerializer.getObjectFromFile(modelFile, CURVATURE_ENTRY);
        Map<String, INDArray> state = new LinkedHashMap<>();
        arrays.forEach((key, bytes) -> state.put(key, Nd4j.fromByteArray(bytes)));
        listener.estimator().restoreState(state);
        return true;
    }

    private static KFacListener listenerOf(Model network) {
        Collection<TrainingListener> listeners;
        if (network instanceof MultiLayerNetwork net) {
            listeners = net.getListeners();
        } else if (network instanceof ComputationGraph graph) {
            listeners = graph.getListeners();
        } else {
            throw new IllegalArgumentException("K-FAC supports MultiLayerNetwork and ComputationGraph, got "
                    + network.getClass().getName());
        }
        for (TrainingListener listener : listeners) {
            if (listener instanceof KFacListener kfac) {
                return kfac;
            }
        }
        throw new IllegalArgumentException("K-FAC is not attached to this network; call KFacTraining.attach first");
    }
}
