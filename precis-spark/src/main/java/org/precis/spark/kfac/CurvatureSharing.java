package org.precis.spark.kfac;

/**
 * Where K-FAC's curvature lives under parameter averaging, where every round starts each worker from a fresh copy
 * of the network.
 */
public enum CurvatureSharing {

    /**
     * Default. Each worker's Kronecker factors are sent back with its parameters, averaged on the driver and restored
     * into every worker at the start of the next round. Factors are second moments, linear in the data: the average
     * of the workers' moving averages is the moving average of the pooled batches, i.e. single-machine K-FAC's
     * estimate at {@code workers} times the batch size. Costs per round and worker one transfer of
     * {@code 8 sum((nIn + 1)^2 + nOut^2)} bytes each way (about 7 MB for a 784-256-256-10 network).
     */
    AVERAGED,

    /**
     * Each round estimates the curvature afresh on every worker, starting from the round's first batch (the first
     * factor update assigns, the first step inverts). Nothing extra travels, but for the first
     * {@code inverseUpdatePeriod} steps of every round the natural gradient uses one batch's curvature.
     */
    PER_ROUND
}
