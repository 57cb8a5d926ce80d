package org.precis.pc.layers;

/**
 * Thrown when the energy of a predictive-coding level becomes NaN or infinite during relaxation, instead of
 * passing non-finite values on to the updater. Usual causes: a state rate too large for the current precisions,
 * or exploding weights.
 */
public class RelaxationDivergedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Level whose energy became non-finite (1-based). */
    private final int level;
    /** Relaxation step at which it happened (0 = feed-forward sweep). */
    private final int step;

    /**
     * @param layerId description of the layer (type, index, name)
     * @param level level whose energy is not finite (1-based; the output level is the last)
     * @param step relaxation step (0 = the feed-forward sweep)
     * @param energy the offending energy value
     */
    public RelaxationDivergedException(String layerId, int level, int step, double energy) {
        super("Relaxation diverged in " + layerId + ": energy of level " + level + " is " + energy + " at step "
                + step + " (step 0 = feed-forward sweep); lower the stateRate, the learning rate or the initial"
                + " precision");
        this.level = level;
        this.step = step;
    }

    /** @return level whose energy became non-finite (1-based) */
    public int getLevel() {
        return level;
    }

    /** @return relaxation step at which it happened (0 = feed-forward sweep) */
    public int getStep() {
        return step;
    }
}
