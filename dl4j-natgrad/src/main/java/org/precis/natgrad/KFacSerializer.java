package org.precis.natgrad;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * In the model file the curvature is one entry, {@value #CURVATURE_ENTRY}: the number of arrays, then
 * each array's name and the array in ND4J's binary format ({@link Nd4j#write}). {@link #write} and {@link #read}
 * give the same bytes as a stream, for files of your own.
 */
public final class KFacSerializer {

    /** Name of the curvature's entry in the model file. */
    public static final String CURVATURE_ENTRY = "kfac-curvature.bin";

    private KFacSerializer() {
    }

    /**
     * Adds the curvature of the K-FAC attached to {@code network} to a model file, replacing any saved before.
     *
     * @param modelFile a file written by {@link ModelSerializer#writeModel}; rewritten with one more entry
     * @param network   a network K-FAC is attached to
     * @throws IllegalArgumentException when K-FAC is not attached to {@code network}
     */
    public static void addCurvatureToModel(File modelFile, Model network) throws IOException {
        KFacListener listener = listenerOf(network);
        try (FileSystem zip = FileSystems.newFileSystem(modelFile.toPath(), Map.of());
             OutputStream out = Files.newOutputStream(zip.getPath(CURVATURE_ENTRY))) {
            write(listener, out);
        }
    }

    /**
     * Restores the curvature saved in a model file into the K-FAC attached to {@code network}.
     *
     * @param modelFile a model file, with or without a curvature entry
     * @param network   the network restored from that file, with K-FAC attached
     * @return whether the file held a curvature (if not, K-FAC re-estimates it from the next batch)
     * @throws IllegalArgumentException when K-FAC is not attached, or the curvature belongs to another network shape
     */
    public static boolean restoreCurvature(File modelFile, Model network) throws IOException {
        KFacListener listener = listenerOf(network);
        try (FileSystem zip = FileSystems.newFileSystem(modelFile.toPath(), Map.of())) {
            Path entry = zip.getPath(CURVATURE_ENTRY);
            if (!Files.exists(entry)) {
                return false;
            }
            try (InputStream in = Files.newInputStream(entry)) {
                read(in, listener);
            }
        }
        return true;
    }

    /**
     * Writes the curvature of the K-FAC attached to {@code network} to a stream (left open).
     *
     * @throws IllegalArgumentException when K-FAC is not attached to {@code network}
     */
    public static void write(Model network, OutputStream out) throws IOException {
        write(listenerOf(network), out);
    }

    /**
     * Reads a curvature written by {@link #write} into the K-FAC attached to {@code network}.
     *
     * @throws IllegalArgumentException when K-FAC is not attached, or the curvature belongs to another network shape
     */
    public static void read(InputStream in, Model network) throws IOException {
        read(in, listenerOf(network));
    }

    private static void write(KFacListener listener, OutputStream out) throws IOException {
        writeArrays(listener.estimator().state(), out);
    }

    private static void read(InputStream in, KFacListener listener) throws IOException {
        listener.estimator().restoreState(readArrays(in));
    }

    /**
     * Writes named arrays (a curvature state) to a stream, left open: their number, then each name and array in
     * ND4J's binary format.
     */
    public static void writeArrays(Map<String, INDArray> arrays, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
        data.writeInt(arrays.size());
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            data.writeUTF(e.getKey());
            Nd4j.write(e.getValue(), data);
        }
        data.flush();
    }

    /** Reads named arrays written by {@link #writeArrays}, in their order. */
    public static Map<String, INDArray> readArrays(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in));
        int count = data.readInt();
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = data.readUTF();
            arrays.put(key, Nd4j.read(data));
        }
        return arrays;
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
