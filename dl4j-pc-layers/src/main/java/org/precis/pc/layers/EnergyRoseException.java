package org.precis.pc.layers;

/**
 * Thrown, when the layer's {@code failOnEnergyRise} option asks for it, by a relaxation step that raised the total
 * energy: descent has become unstable (a state rate too large for the current precisions and weights, with no or too
 * loose a {@code stepBound}), and the relaxed values no longer minimise what they should.
 */
public class EnergyRoseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Relaxation step that raised the energy (1-based). */
    private final int step;

    /**
     * @param layerId description of the layer (type, index, name)
     * @param step relaxation step that raised the energy (1-based)
     * @param before total energy per example before the step
     * @param after total energy per example after it
     */
    public EnergyRoseException(String layerId, int step, double before, double after) {
        super("Relaxation raised the energy in " + layerId + " at step " + step + " (" + before + " -> " + after
                + "); lower the stateRate or set a stepBound in (0, 1)");
        this.step = step;
    }

    /** @return relaxation step that raised the energy (1-based) */
    public int getStep() {
        return step;
    }
}
