package org.precis.pc.stats;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.layers.PredictiveCodingOutputLayerImpl;

/**
 * Snapshot of one predictive-coding layer after a training iteration: the energy of each level across the
 * relaxation steps of the last batch and each level's current variances (diagonal of Sigma = Pi^-1). Immutable;
 * taking one allocates, so take it in a listener every few iterations rather than inside hot code.
 */
public final class PcStatistics {

    private final int layerIndex;
    private final String layerName;
    private final int iteration;
    private final double[][] energyTrace;
    private final double[][] variances;

    private PcStatistics(int layerIndex, String layerName, int iteration, double[][] energyTrace,
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
     * @param layer the PC layer (not modified)
     * @param iteration iteration number to record with it
     * @return the snapshot
     */
    public static PcStatistics of(PredictiveCodingOutputLayerImpl layer, int iteration) {
        PredictiveCodingOutputLayer c = (PredictiveCodingOutputLayer) layer.conf().getLayer();
        double[][] vars = new double[c.numLevels()][];
        for (int l = 1; l <= c.numLevels(); l++) {
            vars[l - 1] = layer.currentVariances(l);
        }
        return new PcStatistics(layer.getIndex(), c.getLayerName(), iteration, layer.lastEnergyTrace(), vars);
    }

    /**
     * Snapshots of every PC layer of a {@link MultiLayerNetwork} or {@link ComputationGraph}.
     *
     * @param model the network (not modified)
     * @param iteration iteration number to record
     * @return one snapshot per PC layer, in layer order (empty if there is none)
     */
    public static List<PcStatistics> collect(Model model, int iteration) {
        Layer[] layers = model instanceof MultiLayerNetwork ? ((MultiLayerNetwork) model).getLayers()
                : model instanceof ComputationGraph ? ((ComputationGraph) model).getLayers() : new Layer[0];
        List<PcStatistics> out = new ArrayList<>();
        for (Layer l : layers) {
            if (l instanceof PredictiveCodingOutputLayerImpl) {
                out.add(of((PredictiveCodingOutputLayerImpl) l, iteration));
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

    /** @return number of PC levels (hidden + output) */
    public int numLevels() {
        return variances.length;
    }

    /** @return relaxation steps the last batch took (0 before the first training batch) */
    public int stepsTaken() {
        return Math.max(0, energyTrace.length - 1);
    }

    /**
     * Mean energy per example of level {@code level} after relaxation step {@code step} (0 = feed-forward sweep).
     *
     * @param step step in [0, stepsTaken()]
     * @param level level in [1, numLevels()]
     * @return the energy
     */
    public double energy(int step, int level) {
        return energyTrace[step][level - 1];
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
     * @param level level in [1, numLevels()]
     * @return a copy, one variance per unit
     */
    public double[] variances(int level) {
        return variances[level - 1].clone();
    }

    /**
     * Mean variance of a level, a one-number summary for logs.
     *
     * @param level level in [1, numLevels()]
     * @return mean of {@link #variances(int)}
     */
    public double meanVariance(int level) {
        double sum = 0;
        for (double v : variances[level - 1]) {
            sum += v;
        }
        return sum / variances[level - 1].length;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("PcStatistics(layer ").append(layerIndex).append(" \"")
                .append(layerName).append("\", iteration ").append(iteration).append(", steps ")
                .append(stepsTaken());
        for (int l = 1; l <= numLevels(); l++) {
            sb.append(", level ").append(l).append(": energy ");
            sb.append(energyTrace.length == 0 ? Double.NaN : energy(0, l)).append(" -> ");
            sb.append(energyTrace.length == 0 ? Double.NaN : energy(stepsTaken(), l));
            sb.append(", mean variance ").append(meanVariance(l));
        }
        return sb.append(')').toString();
    }
}
