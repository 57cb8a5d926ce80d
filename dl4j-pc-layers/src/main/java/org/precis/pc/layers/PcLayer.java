package org.precis.pc.layers;

import org.deeplearning4j.nn.api.Layer;

/**
 * What both predictive-coding layer implementations tell about their last relaxation and their precisions, for
 * listeners and plots ({@link org.precis.pc.stats.PcStatistics}). Levels are numbered as in the layer: the
 * supervised layer's errors sit at levels 1..L (level 0 is its input), the generative layer's at 0..L (0 is the data,
 * L the top under its prior).
 */
public interface PcLayer extends Layer {

    /** @return the lowest level that carries an error: 1 for the supervised layer, 0 for the generative layer */
    int firstErrorLevel();

    /** @return the top level L */
    int topLevel();

    /**
     * Energy of each level across the last relaxation, mean per example: {@code trace[t][l - firstErrorLevel()]}
     * for level l after step t (t = 0 is the start). A copy; empty before the first relaxation.
     *
     * @return [steps taken + 1][levels carrying an error]
     */
    double[][] lastEnergyTrace();

    /** @return relaxations run since the layer was created or its counts reset (training and relaxed inference) */
    long relaxations();

    /** @return relaxation steps taken over those relaxations (fewer than relaxations x T when early stopping) */
    long relaxationSteps();

    /** @return relaxation steps, over those relaxations, that raised the total energy (0 when relaxation is stable) */
    long energyRises();

    /** Sets {@link #relaxations()}, {@link #relaxationSteps()} and {@link #energyRises()} back to 0. */
    void resetRelaxationCounts();

    /**
     * Current variances (diagonal of Sigma = Pi^-1) of a level; all ones for a level without precision.
     *
     * @param level level in [firstErrorLevel(), topLevel()]
     * @return one variance per unit (a fresh array)
     */
    double[] currentVariances(int level);
}
