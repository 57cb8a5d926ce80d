package org.precis.natgrad.listener;

/**
 * What K-FAC did in one training step, for users to check that it behaves: the damping, learning rate and
 * momentum the step used and, in adaptive mode, how well the quadratic model predicted the loss.
 *
 * @param step            the step's index since K-FAC was attached, from 0
 * @param damping         the damping {@code lambda} of the step (fixed mode: the configured damping)
 * @param learningRate    the coefficient {@code alpha} of the natural gradient (fixed mode: the configured
 *                        learning rate, before the KL clip)
 * @param momentum        the coefficient {@code mu} of the previous step (fixed mode: the configured momentum)
 * @param loss            the batch's loss before the step, without regularisation (NaN in fixed mode)
 * @param predictedChange the quadratic model's change of the loss over the step, damping excluded (NaN in fixed
 *                        mode)
 * @param actualChange    the loss's change over the step on the same batch; NaN except on the steps that adapt the
 *                        damping
 * @param rho             the reduction ratio {@code actualChange / predictedChange}; NaN except on the steps that
 *                        adapt the damping
 */
public record KFacStepStatistics(long step, double damping, double learningRate, double momentum, double loss,
                                 double predictedChange, double actualChange, double rho) {
}
