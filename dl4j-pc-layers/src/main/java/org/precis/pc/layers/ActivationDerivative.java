package org.precis.pc.layers;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * f'(a) applied to an output-side signal, for the relaxation loop. The common activations are computed from the
 * stored prediction mu = f(a) with in-place ops only: ND4J's own {@code backprop} recomputes tanh over the whole
 * level, and allocates a result array for ReLU, on every call. Other activations fall back to
 * {@link IActivation#backprop}. Used by the relaxation of both layers.
 */
final class ActivationDerivative {

    private ActivationDerivative() {
    }

    /**
     * out = f'(a) applied to eps (elementwise for elementwise activations).
     *
     * @param act the activation f
     * @param a pre-activation (not modified)
     * @param mu f(a) (not modified)
     * @param eps output-side signal (not modified)
     * @param out result buffer, same shape (overwritten)
     */
    static void apply(IActivation act, INDArray a, INDArray mu, INDArray eps, INDArray out) {
        if (act instanceof ActivationTanH) {
            out.assign(mu).muli(mu).rsubi(1.0).muli(eps);
        } else if (act instanceof ActivationSigmoid) {
            out.assign(mu).rsubi(1.0).muli(mu).muli(eps);
        } else if (act instanceof ActivationIdentity) {
            out.assign(eps);
        } else if (isPlainRelu(act)) {
            // relu' = 1 where mu > 0, else 0: the sign of mu.
            Transforms.sign(out.assign(mu), false).muli(eps);
        } else {
            out.assign(a);
            INDArray delta = act.backprop(out, eps).getFirst();
            if (delta != out) {
                out.assign(delta);
            }
        }
    }

    /**
     * The largest slope max |f'| of an activation, for the relaxation step bound: 1/4 for the sigmoid; 1 for tanh,
     * the identity, ReLU, hard tanh, softsign, softplus and ELU (alpha at most 1); a leaky ReLU's alpha when it
     * exceeds 1. Any other activation is taken as 1 (swish's slope reaches 1.1, which the bound's margin below
     * {@code stepBound} 1 absorbs).
     *
     * @param act the activation f
     * @return max |f'|
     */
    static double maxSlope(IActivation act) {
        if (act instanceof ActivationSigmoid) {
            return 0.25;
        }
        if (act instanceof ActivationLReLU leaky) {
            return Math.max(1.0, Math.abs(leaky.getAlpha()));
        }
        return 1.0;
    }

    private static boolean isPlainRelu(IActivation act) {
        if (!(act instanceof ActivationReLU)) {
            return false;
        }
        ActivationReLU relu = (ActivationReLU) act;
        return relu.getMax() == null && relu.getThreshold() == null && relu.getNegativeSlope() == null;
    }
}
