package org.precis.natgrad.blocks;

/**
 * How a curvature block computes the damped inverse of a symmetric factor at an inverse update.
 *
 * <p>Both give the same step (up to rounding); they differ in speed and in how they fail.
 */
public enum InverseMethod {
    /**
     * Cholesky factorisation of the damped factor (LAPACK {@code potrf}) and a triangular inverse. The fastest; fails
     * with an error naming the layer when the damped factor is not positive definite (only possible at zero damping).
     */
    CHOLESKY,
    /**
     * Symmetric eigendecomposition of the undamped factor (LAPACK {@code syev}); eigenvalues below zero (rounding)
     * are clamped to zero before the damping is added, so any positive damping gives a finite inverse. Slower (about
     * 4x at 785 x 785) and more robust.
     */
    EIGEN
}
