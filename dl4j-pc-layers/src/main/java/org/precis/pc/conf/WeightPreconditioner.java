package org.precis.pc.conf;

/**
 * What the supervised predictive-coding layer does with its local weight gradients before the network's updater
 * applies them ({@code algorithms.md} §1b, "PC with both Kronecker factors").
 */
public enum WeightPreconditioner {
    /** Nothing: the updater applies the local gradients of the energy. */
    NONE,
    /**
     * Natural-gradient PC (PredProp-style): each prediction's weight gradient V = [dW; db] becomes
     * (A + pi sqrt(lambda) I)^-1 V (G + sqrt(lambda) / pi I)^-1, K-FAC's damped Kronecker-factored step
     * ({@code dl4j-natgrad}'s {@code DenseKroneckerFactoredBlock}), with A the running second moment of the
     * predicting level's values [x, 1] and G the running second moment of the error signal f'(a) Pi e. Where the
     * predicted level is a clamped Gaussian top whose precision is learned by running moments, that precision is the
     * G side: G is its running moment S of the feed-forward residual, and V is taken from the unweighted error (the
     * precision would otherwise apply twice). Pair it with plain SGD or SGD with momentum: Adam would undo the
     * preconditioning.
     */
    KRONECKER
}
