package org.precis.natgrad.blocks;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.precis.natgrad.memory.ScratchMemory;

/**
 * KFC, the Kronecker-factored block of a 2-D convolution (Grosse and Martens 2016;
 * {@code site/src/docs/algorithms.md} §3): the Fisher block of the weights, read as the matrix
 * {@code [C kH kW + 1] x O} of a dense layer on image patches (the bias as the last row), approximated by
 * {@code kron(A, G)} with
 * <pre>
 * A = E_n [ (1/T) sum_t abar_nt abar_nt^T ]     abar_nt = [patch of example n at output position t, 1]
 * G = E_n [ sum_t g_nt g_nt^T ]                 g_nt = d loss_n / d z at position t (C_out values)
 * </pre>
 * over the {@code T = oH oW} output positions. With spatially homogeneous statistics and derivatives uncorrelated
 * across positions, the exact block sum_{t,t'} E[abar_t abar_t'^T] x E[g_t g_t'^T] reduces to
 * T E_t[abar abar^T] x E_t[g g^T] = kron(A, G): the factor T between per-position moments and the Fisher is KFC's
 * spatial-size correction, here folded into G (A averages over positions, G sums over them).
 *
 * <p>Computed as the dense block of the patches: every (example, position) pair is one row, the patches from ND4J's
 * im2col with the layer's own kernel, stride, padding and dilation (DL4J's {@code ConvolutionMode.Same} padding
 * included), the gradients scaled by sqrt(T), so that the dense block's batch means are A and G above. Damping,
 * inverses and products are the dense block's ({@link DenseKroneckerFactoredBlock}).
 *
 * <p>{@link #updateCurvature} takes the layer's input images {@code [m, C, H, W]} and the per-example gradients at its
 * pre-activations {@code [m, O, oH, oW]} (NCHW), not matrices; the parameter-matrix methods follow the package
 * convention with {@code nIn = C kH kW} in DL4J's weight order {@code [O, C, kH, kW]}: row {@code (c kH + i) kW + j}
 * of the matrix is the transposed weight {@code W[:, c, i, j]}.
 */
public final class ConvolutionKroneckerFactoredBlock implements CurvatureBlock {

    private final DenseKroneckerFactoredBlock factors;
    private final int inChannels;
    private final int outChannels;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final boolean sameMode;
    private final String name;
    /** Patches in im2col's order [m, C, kH, kW, oH, oW], and as rows [m oH oW, C kH kW]; reused. */
    private INDArray patches;
    private INDArray rows;
    private INDArray gradientRows;

    /**
     * @param inChannels    input channels C
     * @param outChannels   output channels O
     * @param kernel        {kH, kW}
     * @param stride        {sH, sW}
     * @param padding       {pH, pW} (ignored in same mode, where DL4J computes the top-left padding)
     * @param dilation      {dH, dW}
     * @param sameMode      whether the layer uses DL4J's {@code ConvolutionMode.Same}
     * @param inverseMethod how the damped factors are inverted
     * @param name          names the layer in error messages
     */
    public ConvolutionKroneckerFactoredBlock(int inChannels, int outChannels, int[] kernel, int[] stride,
            int[] padding, int[] dilation, boolean sameMode, InverseMethod inverseMethod, String name) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.sameMode = sameMode;
        this.name = name;
        this.factors = new DenseKroneckerFactoredBlock((long) inChannels * kernel[0] * kernel[1], outChannels,
                inverseMethod, name);
    }

    @Override
    public long inputSize() {
        return factors.inputSize();
    }

    @Override
    public long outputSize() {
        return outChannels;
    }

    /**
     * @param inputs          the layer's input images, {@code [m, C, H, W]}; not modified
     * @param outputGradients per-example gradients at the pre-activations, {@code [m, O, oH, oW]}, each of that
     *                        example's own loss; not modified
     * @param decay           weight of the old estimate, in {@code [0, 1)}
     * @throws IllegalArgumentException when the shapes do not fit the layer
     */
    @Override
    public void updateCurvature(INDArray inputs, INDArray outputGradients, double decay) {
        if (inputs.rank() != 4 || outputGradients.rank() != 4 || inputs.size(1) != inChannels
                || outputGradients.size(1) != outChannels || inputs.size(0) != outputGradients.size(0)) {
            throw new IllegalArgumentException("KFC statistics of " + name + " need input images [m, " + inChannels
                    + ", H, W] and output gradients [m, " + outChannels + ", oH, oW], got "
                    + Arrays.toString(inputs.shape()) + " and " + Arrays.toString(outputGradients.shape()));
        }
        long m = inputs.size(0);
        int outH = (int) outputGradients.size(2);
        int outW = (int) outputGradients.size(3);
        long positions = (long) outH * outW;
        long patchSize = factors.inputSize();
        DataType type = inputs.dataType();
        int[] pad = sameMode ? ConvolutionUtils.getSameModeTopLeftPadding(new int[] {outH, outW},
                new int[] {(int) inputs.size(2), (int) inputs.size(3)}, kernel, stride, dilation) : padding;
        patches = ScratchMemory.reuse(patches, type, 'c', m, inChannels, kernel[0], kernel[1], outH, outW);
        Convolution.im2col(inputs, kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1], dilation[0],
                dilation[1], sameMode, patches);
        rows = ScratchMemory.reuse(rows, type, 'c', m * positions, patchSize);
        rows.reshape('c', m, positions, patchSize).assign(patches.reshape('c', m, patchSize, positions)
                .permute(0, 2, 1));
        gradientRows = ScratchMemory.reuse(gradientRows, type, 'c', m * positions, outChannels);
        gradientRows.reshape('c', m, outH, outW, outChannels).assign(outputGradients.permute(0, 2, 3, 1));
        gradientRows.muli(Math.sqrt(positions));
        factors.updateCurvature(rows, gradientRows, decay);
    }

    @Override
    public boolean hasCurvature() {
        return factors.hasCurvature();
    }

    @Override
    public void updateInverse(double damping) {
        factors.updateInverse(damping);
    }

    @Override
    public INDArray multiply(INDArray vector) {
        return factors.multiply(vector);
    }

    @Override
    public INDArray multiplyInverse(INDArray vector) {
        return factors.multiplyInverse(vector);
    }

    @Override
    public void multiplyInverse(INDArray weights, INDArray bias, INDArray weightsOut, INDArray biasOut) {
        factors.multiplyInverse(weights, bias, weightsOut, biasOut);
    }

    @Override
    public INDArray toDenseMatrix() {
        return factors.toDenseMatrix();
    }

    /** The patch block's factors, damped factors and inverses; the im2col scratch arrays are not state. */
    @Override
    public Map<String, INDArray> state() {
        return factors.state();
    }

    @Override
    public void restoreState(Map<String, INDArray> state) {
        factors.restoreState(state);
    }

    /** @return the input factor {@code A}, {@code (C kH kW + 1) x (C kH kW + 1)}; a copy */
    public INDArray inputFactor() {
        return factors.inputFactor();
    }

    /** @return the output factor {@code G}, {@code O x O}; a copy */
    public INDArray outputFactor() {
        return factors.outputFactor();
    }
}
