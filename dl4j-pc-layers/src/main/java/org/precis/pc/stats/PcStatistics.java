package org.precis.pc.stats;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.precis.pc.layers.PcLayer;

/**
 * Snapshot of one predictive-coding layer (supervised or generative) after a training iteration or an inference:
 * the energy of each level across the relaxation steps of the last batch and each level's current variances
 * (diagonal of Sigma = Pi^-1). Levels are numbered as in the layer: {@link #firstLevel()} is 1 for the supervised
 * layer (its level 0 is the input, which carries no error) and 0 for the generative layer (the data); the top is
 * {@link #topLevel()}. Immutable; taking one allocates, so take it in a listener every few iterations rather than
 * inside hot code.
 */
public final class PcStatistics {

    private final int layerIndex;
    private final String layerName;
    private final int iteration;
    private final int firstLevel;
    private final double[][] energyTrace;
    private final double[][] variances;
    private final long relaxations;
    private final long relaxationSteps;
    private final long energyRises;

    private PcStatistics(int layerIndex, String layerName, int iteration, int firstLevel, double[][] energyTrace,
            double[][] variances, long relaxations, long relaxationSteps, long energyRises) {
        this.layerIndex = layerIndex;
        this.layerName = layerName;
        this.iteration = iteration;
        this.firstLevel = firstLevel;
        this.energyTrace = energyTrace;
        this.variances = variances;
        this.relaxations = relaxations;
        this.relaxationSteps = relaxationSteps;
        this.energyRises = energyRises;
    }

    /**
     * Snapshot of one layer.
     *
     * @param layer the PC layer (not modified)
     * @param iteration iteration number to record with it
     * @return the snapshot
     */
    public static PcStatistics of(PcLayer layer, int iteration) {
        int first = layer.firstErrorLevel();
        double[][] vars = new double[layer.topLevel() - first + 1][];
        for (int l = first; l <= layer.topLevel(); l++) {
            vars[l - first] = layer.currentVariances(l);
        }
        return new PcStatistics(layer.getIndex(), layer.conf().getLayer().getLayerName(), iteration, first,
                layer.lastEnergyTrace(), vars, layer.relaxations(), layer.relaxationSteps(), layer.energyRises());
    }

    /**
     * Snapshots of every PC layer of a {@link MultiLayerNetwork} or {@link ComputationGraph}, or of the layer
     * itself: during {@code pretrain} DL4J hands listeners the layer being trained as the model.
     *
     * @param model the network or layer (not modified)
     * @param iteration iteration number to record
     * @return one snapshot per PC layer, in layer order (empty if there is none)
     */
    public static List<PcStatistics> collect(Model model, int iteration) {
        Layer[] layers = model instanceof MultiLayerNetwork ? ((MultiLayerNetwork) model).getLayers()
                : model instanceof ComputationGraph ? ((ComputationGraph) model).getLayers()
                : model instanceof Layer ? new Layer[] {(Layer) model} : new Layer[0];
        List<PcStatistics> out = new ArrayList<>();
        for (Layer l : layers) {
            if (l instanceof PcLayer) {
                out.add(of((PcLayer) l, iteration));
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

    /** @return the lowest level that carries an error: 1 for the supervised layer, 0 for the generative layer */
    public int firstLevel() {
        return firstLevel;
    }

    /** @return the top level L */
    public int topLevel() {
        return firstLevel + variances.length - 1;
    }

    /** @return number of levels that carry an error ({@code topLevel() - firstLevel() + 1}) */
    public int numLevels() {
        return variances.length;
    }

    /** @return relaxations the layer ran since it was created or its counts reset */
    public long relaxations() {
        return relaxations;
    }

    /** @return relaxation steps taken over those relaxations */
    public long relaxationSteps() {
        return relaxationSteps;
    }

    /** @return relaxation steps, over those relaxations, that raised the total energy */
    public long energyRises() {
        return energyRises;
    }

    /** @return relaxation steps the last batch took (0 before the first relaxation) */
    public int stepsTaken() {
        return Math.max(0, energyTrace.length - 1);
    }

    /**
     * Mean energy per example of a level after a relaxation step (0 = the start: the feed-forward sweep of the
     * supervised layer, the top-down sweep from the prior of the generative layer).
     *
     * @param step step in [0, stepsTaken()]
     * @param level level in [firstLevel(), topLevel()]
     * @return the energy
     */
    public double energy(int step, int level) {
        return energyTrace[step][level - firstLevel];
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
     * @param level level in [firstLevel(), topLevel()]
     * @return a copy, one variance per unit
     */
    public double[] variances(int level) {
        return variances[level - firstLevel].clone();
    }

    /**
     * Mean variance of a level, a one-number summary for logs.
     *
     * @param level level in [firstLevel(), topLevel()]
     * @return mean of {@link #variances(int)}
     */
    public double meanVariance(int level) {
        double sum = 0;
        for (double v : variances[level - firstLevel]) {
            sum += v;
        }
        return sum / variances[level - firstLevel].length;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("PcStatistics(layer ").append(layerIndex).append(" \"")
                .append(layerName).append("\", iteration ").append(iteration).append(", steps ")
                .append(stepsTaken()).append(", energy rises ").append(energyRises).append(" in ")
                .append(relaxationSteps).append(" steps");
        for (int l = firstLevel; l <= topLevel(); l++) {
            sb.append(", level ").append(l).append(": energy ");
            sb.append(energyTrace.length == 0 ? Double.NaN : energy(0, l)).append(" -> ");
            sb.append(energyTrace.length == 0 ? Double.NaN : energy(stepsTaken(), l));
            sb.append(", mean variance ").append(meanVariance(l));
        }
        return sb.append(')').toString();
    }
}
