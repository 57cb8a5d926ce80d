package org.precis.natgrad.config;

/** Which labels define the output-side gradients {@code g} that enter the curvature. */
public enum FisherType {
    /** {@code g} from the training labels: no extra cost; the empirical Fisher. */
    EMPIRICAL,
    /**
     * {@code g} from labels drawn from the model's own predictive distribution (a class from the softmax; for
     * identity + MSE, {@code y ~ N(output, nOut / 2 I)}, the Gaussian whose negative log-likelihood is the MSE): the
     * true Fisher in expectation, at the cost of one extra backward pass through the preconditioned layers.
     */
    SAMPLED
}
