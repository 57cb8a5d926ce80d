package org.precis.pc.stats;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.precis.pc.generative.GenerativePcLayer;
import org.precis.pc.generative.GenerativePcLayerImpl;

/**
 * Snapshot of one generative predictive-coding layer after a pretraining iteration or an inference: the energy of
 * each level 0..L (0 = the data, L = the top under its prior) across the relaxation steps of the last batch, and
 * each level's current variances (diagonal of Sigma = Pi^-1). The generative counterpart of {@link PcStatistics},
 * with the same accessors; its levels start at 0 because the data level carries an error too. Immutable; taking
 * one allocates.
 */
public final class GenerativePcStatistics {

    private final int layerIndex;
    private final String layerName;
    private final int iteration;
    private final double[][] energyTrace;
    private final double[][] variances;

    private GenerativePcStatistics(int layerIndex, String layerName, int iteration, double[][] energyTrace,
            double[][] variances) {
        this.layerIndex = layerIndex;
        this.layerName = layerName;
        this.iteration = iteration;
        this.energyTrace = energyTrace;
        this.variances = variances;
    }

    /**
     * Snapshot of one layer.
     *
     * @param layer the generative PC layer (not modified)
     * @param iteration iteration number to record with it
     * @return the snapshot
     */
    public static GenerativePcStatistics of(GenerativePcLayerImpl layer, int iteration) {
        GenerativePcLayer c = (GenerativePcLayer) layer.conf().getLayer();
        double[][] vars = new double[c.topLevel() + 1][];
        for (int l = 0; l <= c.topLevel(); l++) {
            vars[l] = layer.currentVariances(l);
        }
        return new GenerativePcStatistics(layer.getIndex(), c.getLayerName(), iteration, layer.lastEnergyTrace(),
                vars);
    }

    /**
     * Snapshots of every generative PC layer of a {@link MultiLayerNetwork} or {@link ComputationGraph}, or of the
     * layer itself: during {@code pretrain} DL4J hands listeners the layer being trained as the model.
     *
     * @param model the network or layer (not modified)
     * @param iteration iteration number to record
     * @return one snapshot per generative PC layer, in layer order (empty if there is none)
     */
    public static List<GenerativePcStatistics> collect(Model model, int iteration) {
        Layer[] layers = model instanceof MultiLayerNetwork ? ((MultiLayerNetwork) model).getLayers()
                : model instanceof ComputationGraph ? ((ComputationGraph) model).getLayers()
                : model instanceof Layer ? new Layer[] {(Layer) model} : new Layer[0];
        List<GenerativePcStatistics> out = new ArrayList<>();
        for (Layer l : layers) {
            if (l instanceof GenerativePcLayerImpl) {
                out.add(of((GenerativePcLayerImpl) l, iteration));
            }
        }
        return out;
    }

    /** @return index of the layer in its network */
    public int layerIndex() {
        return layerIndex;
    }

    /** @return name of the layer (may be null) */
    public String layerName() {
        return layerName;
    }

    /** @return iteration at which the snapshot was taken */
    public int iteration() {
        return iteration;
    }

    /** @return the top level L; levels run 0..L */
    public int topLevel() {
        return variances.length - 1;
    }

    /** @return relaxation steps the last batch took (0 before the first relaxation) */
    public int stepsTaken() {
        return Math.max(0, energyTrace.length - 1);
    }

    /**
     * Mean energy per example of a level after a relaxation step (0 = the starting point).
     *
     * @param step step in [0, stepsTaken()]
     * @param level level in [0, topLevel()]
     * @return the energy
     */
    public double energy(int step, int level) {
        return energyTrace[step][level];
    }

    /**
     * Total energy (all levels) after each relaxation step of the last batch.
     *
     * @return one value per step, step 0 first
     */
    public double[] totalEnergyTrace() {
        double[] out = new double[energyTrace.length];
        for (int t = 0; t < out.length; t++) {
            for (double e : energyTrace[t]) {
                out[t] += e;
            }
        }
        return out;
    }

    /**
     * Current variances of a level (all ones for a level without precision).
     *
     * @param level level in [0, topLevel()]
     * @return a copy, one variance per unit
     */
    public double[] variances(int level) {
        return variances[level].clone();
    }

    /**
     * Mean variance of a level, a one-number summary for logs.
     *
     * @param level level in [0, topLevel()]
     * @return mean of {@link #variances(int)}
     */
    public double meanVariance(int level) {
        double sum = 0;
        for (double v : variances[level]) {
            sum += v;
        }
        return sum / variances[level].length;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("GenerativePcStatistics(layer ").append(layerIndex).append(" \"")
                .append(layerName).append("\", iteration ").append(iteration).append(", steps ")
                .append(stepsTaken());
        for (int l = 0; l <= topLevel(); l++) {
            sb.append(", level ").append(l).append(": energy ");
            sb.append(energyTrace.length == 0 ? Double.NaN : energy(0, l)).append(" -> ");
            sb.append(energyTrace.length == 0 ? Double.NaN : energy(stepsTaken(), l));
            sb.append(", mean variance ").append(meanVariance(l));
        }
        return sb.append(')').toString();
    }
}
