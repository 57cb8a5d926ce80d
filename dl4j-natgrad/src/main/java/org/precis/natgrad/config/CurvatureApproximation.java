package org.precis.natgrad.config;

/** Which curvature block approximates the Fisher block of each supported layer. */
public enum CurvatureApproximation {
    /** Kronecker-factored (K-FAC proper): memory {@code nIn^2 + nOut^2}. */
    KRONECKER_FACTORED,
    /** Exact diagonal of the Fisher block: memory {@code nIn nOut}. */
    DIAGONAL,
    /** Exact Fisher block: memory {@code (nIn nOut)^2}; small layers and tests only. */
    FULL
}
