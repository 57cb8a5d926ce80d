/**
 * The adaptive mode of K-FAC (Martens and Grosse 2015, sections 6.5 and 7): each step's learning rate and momentum
 * minimise the quadratic model of the loss over the span of the natural gradient and the previous step, with the
 * exact Fisher of the batch ({@link org.precis.natgrad.adaptive.DenseChain}: forward-mode Jacobian-vector products
 * through the network's dense layers); the damping follows the Levenberg-Marquardt rule
 * ({@link org.precis.natgrad.adaptive.LevenbergMarquardtDamping}). {@link org.precis.natgrad.adaptive.AdaptiveStepRule}
 * puts them together; {@code KFacTraining.attach} installs it when the {@code KFac} configuration says
 * {@code adaptive}.
 */
package org.precis.natgrad.adaptive;
