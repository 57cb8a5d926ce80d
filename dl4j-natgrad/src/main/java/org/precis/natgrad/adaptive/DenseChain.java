package org.precis.natgrad.adaptive;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A network seen as a chain of dense layers {@code z_l = a_(l-1) W_l + b_l}, {@code a_l = phi_l(z_l)}, ending in an
 * output layer with a supported loss ({@link OutputFisher}): the forward pass at the current parameters or at
 * parameters plus an offset, the loss of a batch, and forward-mode Jacobian-vector products, from which the exact
 * Fisher's quadratic forms follow.
 *
 * <p>Why forward mode: the quadratic model needs only {@code u^T F v = mean_n (J_n u)^T H_n (J_n v)} for two
 * directions, where {@code J_n} is the Jacobian of example {@code n}'s output pre-activations with respect to the
 * parameters and {@code H_n} the Hessian of its loss there. One tangent pass per direction gives {@code J u} for the
 * whole batch (two matrix products per layer), with no second-order backward pass, which DL4J's layers do not offer.
 * The tangent of an activation is its backprop applied to the tangent, {@code J_phi^T zdot}, which equals
 * {@code J_phi zdot} because the Jacobian of an element-wise activation (or of softmax) is symmetric.
 *
 * <p>Parameter matrices follow the package convention of {@code dl4j-natgrad}: {@code [dW; db]},
 * {@code (nIn + 1) x nOut}, the bias as the last row. Every array made here is a temporary of the caller's
 * workspace; arguments are never modified.
 */
final class DenseChain {

    private final List<Layer> layers;
    private final OutputFisher outputFisher;
    private final BaseOutputLayer outputConf;

    /**
     * @param layers the network's layers in order, each a dense layer with weights {@code W} and bias {@code b},
     *               the last an output layer with softmax + cross-entropy or identity + squared error
     */
    DenseChain(List<Layer> layers) {
        this.layers = List.copyOf(layers);
        this.outputConf = (BaseOutputLayer) layers.get(layers.size() - 1).conf().getLayer();
        this.outputFisher = OutputFisher.of(outputConf);
    }

    /** The activations of one forward pass: the input of every layer and the output layer's pre-activations. */
    static final class Pass {
        private final List<INDArray> inputs;
        private final List<INDArray> preActivations;

        private Pass(List<INDArray> inputs, List<INDArray> preActivations) {
            this.inputs = inputs;
            this.preActivations = preActivations;
        }

        /** @return the output layer's pre-activations, {@code m x nOut} */
        INDArray output() {
            return preActivations.get(preActivations.size() - 1);
        }

        /** @return the batch size */
        long examples() {
            return inputs.get(0).rows();
        }
    }

    /**
     * @param input   the batch, {@code m x nIn}; cast to the parameters' data type
     * @param offsets per layer a parameter offset {@code [dW; db]} added to the current parameters, or null for none
     * @return the activations of the forward pass (in inference mode: the chain has no dropout)
     */
    Pass forward(INDArray input, List<INDArray> offsets) {
        List<INDArray> inputs = new ArrayList<>(layers.size());
        List<INDArray> preActivations = new ArrayList<>(layers.size());
        INDArray a = input.castTo(weights(0).dataType());
        for (int l = 0; l < layers.size(); l++) {
            INDArray w = weights(l);
            INDArray b = bias(l);
            INDArray offset = offsets == null ? null : offsets.get(l);
            if (offset != null) {
                w = w.add(weightRows(offset));
                b = b.add(biasRow(offset));
            }
            inputs.add(a);
            INDArray z = a.mmul(w).addiRowVector(b);
            preActivations.add(z);
            a = activation(l).getActivation(z.dup(), false);
        }
        return new Pass(inputs, preActivations);
    }

    /**
     * @param pass      a forward pass
     * @param direction per layer a direction {@code [dW; db]} in parameter space, or null for zero
     * @return {@code J u}: the directional derivative of the output pre-activations, {@code m x nOut}
     */
    INDArray tangent(Pass pass, List<INDArray> direction) {
        INDArray activationTangent = null;
        INDArray zTangent = null;
        for (int l = 0; l < layers.size(); l++) {
            INDArray a = pass.inputs.get(l);
            INDArray u = direction.get(l);
            zTangent = activationTangent == null ? null : activationTangent.mmul(weights(l));
            if (u != null) {
                INDArray own = a.mmul(weightRows(u)).addiRowVector(biasRow(u));
                zTangent = zTangent == null ? own : zTangent.addi(own);
            }
            if (zTangent == null) {
                zTangent = Nd4j.zerosLike(pass.preActivations.get(l));
            }
            if (l + 1 < layers.size()) {
                activationTangent = activation(l).backprop(pass.preActivations.get(l).dup(), zTangent.dup())
                        .getFirst();
            }
        }
        return zTangent;
    }

    /**
     * @return {@code mean_n u_n^T H_n v_n} for output tangents {@code u = J x}, {@code v = J y}: the exact Fisher's
     *         {@code x^T F y}
     */
    double fisherProduct(Pass pass, INDArray u, INDArray v) {
        return outputFisher.innerProduct(pass.output(), u, v);
    }

    /**
     * @param pass   a forward pass
     * @param labels the batch's labels, {@code m x nOut}
     * @return the output layer's loss averaged over the batch, as DL4J's score without regularisation
     */
    double loss(Pass pass, INDArray labels) {
        INDArray perExample = outputConf.getLossFn().computeScoreArray(labels.castTo(pass.output().dataType()),
                pass.output().dup(), outputConf.getActivationFn(), null);
        return perExample.castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /** @return the number of layers */
    int size() {
        return layers.size();
    }

    /** @return the current weights {@code W} of layer {@code l} (a view; do not modify) */
    INDArray weights(int l) {
        return layers.get(l).getParam(DefaultParamInitializer.WEIGHT_KEY);
    }

    private INDArray bias(int l) {
        return layers.get(l).getParam(DefaultParamInitializer.BIAS_KEY);
    }

    private IActivation activation(int l) {
        return ((BaseLayer) layers.get(l).conf().getLayer()).getActivationFn();
    }

    /** @return the weight rows {@code dW} of a parameter matrix (a view) */
    static INDArray weightRows(INDArray matrix) {
        return matrix.get(NDArrayIndex.interval(0, matrix.rows() - 1), NDArrayIndex.all());
    }

    /** @return the bias row {@code db} of a parameter matrix, as a row vector (a view) */
    static INDArray biasRow(INDArray matrix) {
        return matrix.get(NDArrayIndex.point(matrix.rows() - 1), NDArrayIndex.all()).reshape(1, matrix.columns());
    }
}
