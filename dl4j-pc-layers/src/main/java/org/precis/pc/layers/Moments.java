package org.precis.pc.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.precis.natgrad.blocks.FiniteValues;

/** Checks of the batch error moments the running-moment precisions learn from. */
final class Moments {

    private Moments() {
    }

    /**
     * @param moment a batch moment
     * @throws NonFiniteMomentException if it is NaN or infinite
     */
    static void requireFinite(double moment) {
        if (!Double.isFinite(moment)) {
            throw new NonFiniteMomentException(moment);
        }
    }

    /**
     * @param moment a batch moment (not modified)
     * @throws NonFiniteMomentException if any element is NaN or infinite
     */
    static void requireFinite(INDArray moment) {
        if (!FiniteValues.all(moment)) {
            throw new NonFiniteMomentException(Double.NaN);
        }
    }

    /** A batch error moment that is not finite; the engine adds the layer and level before it reaches the user. */
    static final class NonFiniteMomentException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        NonFiniteMomentException(double value) {
            super("the batch error moment is not finite (" + value + ")");
        }
    }
}
