/**
 * Direct calls into the BLAS that ND4J's CPU backend loads, for the hot paths of the predictive-coding engine and
 * K-FAC: {@link org.precis.natgrad.blas.Gemm} multiplies host matrices in place in any layout BLAS can read, without
 * the per-call set-up of ND4J's matrix-multiplication op; other backends and arrays BLAS cannot read take ND4J's op.
 * {@link org.precis.natgrad.blas.BlasMatrix} describes an array as BLAS reads it (address, layout, leading
 * dimension) for every direct BLAS and LAPACK call of the library, K-FAC's symmetric factor updates and Cholesky
 * inverses included.
 */
package org.precis.natgrad.blas;
