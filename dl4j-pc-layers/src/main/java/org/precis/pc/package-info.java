/**
 * Precision-weighted predictive coding (PC) as Deeplearning4j layers.
 *
 * <p>A PC layer holds a whole hierarchy of value nodes and relaxes them on every batch before it learns with
 * local, precision-weighted updates (Ofner et al. 2021, arXiv 2111.06942; see {@code shared/ALGORITHMS.md} §1).
 */
package org.precis.pc;
