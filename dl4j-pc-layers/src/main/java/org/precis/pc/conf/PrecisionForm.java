package org.precis.pc.conf;

/**
 * Form of the precision Pi (inverse covariance) of one predictive-coding level ({@code algorithms.md} §1).
 * The parameters are log-variances, so every form stays positive definite without constraints.
 */
public enum PrecisionForm {
    /** Pi = I: no parameters; the level's energy is plain squared error. */
    NONE,
    /** Pi = exp(-s) I: one learnable log-variance s shared by all units of the level. */
    SCALAR,
    /** Pi = diag(exp(-s)): one learnable log-variance per unit. */
    DIAGONAL,
    /**
     * Pi = C C^T with C lower triangular, its diagonal exp(t): a full covariance through its Cholesky factor.
     * The parameter is an n x n matrix whose strict upper triangle is unused (kept at zero).
     */
    FULL;

    /**
     * Number of parameters this form needs for a level of {@code size} units.
     *
     * @param size units of the level
     * @return parameter count (0 for {@link #NONE})
     */
    public long numParams(long size) {
        switch (this) {
            case NONE:
                return 0;
            case SCALAR:
                return 1;
            case DIAGONAL:
                return size;
            case FULL:
                return size * size;
            default:
                throw new IllegalStateException("Unknown precision form " + this);
        }
    }
}
