/**
 * The curvature estimator of one network ({@link org.precis.natgrad.estimator.KFacEstimator}): the blocks of its
 * preconditioned layers ({@link org.precis.natgrad.estimator.LayerCurvature}) and the step policy that turns each
 * layer's gradient into the damped, KL-clipped natural gradient, following the numbered steps in
 * {@link org.precis.natgrad.config.KFac}.
 */
package org.precis.natgrad.estimator;
