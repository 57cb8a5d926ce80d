package org.precis.natgrad.adaptive;

import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The Hessian {@code H} of a supported output loss with respect to the output pre-activations {@code z}, per example.
 * For these canonical pairs it is also the Fisher of the model's predictive distribution in {@code z}, so
 * {@code J^T H J} is both the Gauss-Newton matrix and the exact Fisher (the matrix the sampled Fisher estimates).
 */
enum OutputFisher {

    /** Softmax with cross-entropy: {@code H = diag(p) - p p^T}, {@code p = softmax(z)}. */
    SOFTMAX_CROSS_ENTROPY {
        @Override
        double innerProduct(INDArray z, INDArray u, INDArray v) {
            INDArray p = new ActivationSoftmax().getActivation(z.dup().castTo(DataType.DOUBLE), false);
            INDArray du = u.castTo(DataType.DOUBLE);
            INDArray dv = v.castTo(DataType.DOUBLE);
            double diagonal = du.mul(dv).muli(p).sumNumber().doubleValue();
            INDArray pu = du.mul(p).sum(1);
            INDArray pv = dv.mul(p).sum(1);
            return (diagonal - pu.muli(pv).sumNumber().doubleValue()) / z.rows();
        }
    },

    /**
     * Identity with DL4J's squared error averaged over the {@code K} outputs, {@code (1/K) sum_k (y_k - z_k)^2}:
     * {@code H = (2/K) I}, the Fisher of the Gaussian {@code N(z, K/2 I)}.
     */
    IDENTITY_SQUARED_ERROR {
        @Override
        double innerProduct(INDArray z, INDArray u, INDArray v) {
            double dot = u.castTo(DataType.DOUBLE).mul(v.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
            return 2.0 * dot / z.columns() / z.rows();
        }
    };

    /**
     * @param z output pre-activations of the batch, {@code m x K}
     * @param u {@code J x}, {@code m x K}
     * @param v {@code J y}, {@code m x K}
     * @return {@code mean_n u_n^T H_n v_n}; arguments not modified
     */
    abstract double innerProduct(INDArray z, INDArray u, INDArray v);

    /**
     * @return the form of this output layer
     * @throws IllegalArgumentException for any other activation and loss, or a weighted loss (a weight per output
     *                                  changes the Hessian)
     */
    static OutputFisher of(BaseOutputLayer output) {
        IActivation activation = output.getActivationFn();
        if (activation instanceof ActivationSoftmax && output.getLossFn() instanceof LossMCXENT loss
                && loss.getWeights() == null) {
            return SOFTMAX_CROSS_ENTROPY;
        }
        if (activation instanceof ActivationIdentity && output.getLossFn() instanceof LossMSE loss
                && loss.getWeights() == null) {
            return IDENTITY_SQUARED_ERROR;
        }
        throw new IllegalArgumentException("adaptive K-FAC needs an output layer with softmax + unweighted "
                + "cross-entropy or identity + unweighted MSE, got " + activation + " + " + output.getLossFn());
    }
}
