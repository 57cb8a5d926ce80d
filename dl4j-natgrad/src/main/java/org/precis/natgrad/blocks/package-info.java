/**
 * Per-layer curvature blocks of the Fisher information (Martens and Grosse 2015; see
 * {@code site/src/docs/algorithms.md} §3), named on the grid {@code <LayerKind><Approximation>}:
 * {@link org.precis.natgrad.blocks.DenseKroneckerFactoredBlock}
 * for training, {@link org.precis.natgrad.blocks.DenseDiagonalBlock} and
 * {@link org.precis.natgrad.blocks.DenseFullBlock} as exact oracles for tests and small layers.
 *
 * <p>Every block sees a dense layer's parameters as one matrix {@code Wbar} of shape {@code (nIn + 1) x nOut}: the
 * weights {@code W} (DL4J's {@code nIn x nOut} orientation) with the bias appended as the last row, which is the
 * same as appending a constant 1 to every input. Vectors of length {@code (nIn + 1) * nOut} are {@code Wbar} read in
 * row-major order, so the per-example gradient {@code abar g^T} becomes {@code kron(abar, g)} and the Kronecker
 * block becomes {@code kron(A, G)}. Statistics are kept in the data type of the network (float32 or double); damped
 * matrices and their inverses in double precision. On the CPU backend the factor updates and inverses call OpenBLAS
 * directly (a symmetric rank-k update of one triangle, LAPACK's Cholesky inverse), where ND4J's wrappers are wrong or
 * slow; other backends take ND4J's general product and a block elimination in GEMMs.
 */
package org.precis.natgrad.blocks;
