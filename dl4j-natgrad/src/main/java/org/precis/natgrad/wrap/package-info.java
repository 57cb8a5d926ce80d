/**
 * DL4J layer wrappers that record what the curvature needs during the ordinary backward pass, without changing its
 * result: the layer's input (after dropout and pre-processors, exactly what its weight gradient uses) and the
 * per-example gradient at its pre-activations, recomputed from the epsilon DL4J passes in (or, for the output layer,
 * from its loss function). With the sampled Fisher, the wrappers also carry a second error signal from sampled labels
 * down through the chain of wrapped layers: that is the "extra backward pass", one extra matrix product per layer. A
 * plain dense layer's backward pass starts from the pre-activations of its forward pass ({@code DenseBackward}),
 * where DL4J's own computes them a second time.
 */
package org.precis.natgrad.wrap;
