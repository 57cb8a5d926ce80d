package org.precis.natgrad.blocks;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Double-precision helpers shared by the curvature blocks. No argument is modified. */
final class LinearAlgebra {

    private LinearAlgebra() {
    }

    /** @return {@code [x, 1]} in the data type of {@code inputs}: the constant input of the bias appended */
    static INDArray appendOnes(INDArray inputs) {
        return Nd4j.hstack(inputs, Nd4j.ones(inputs.dataType(), inputs.rows(), 1));
    }

    /** @return {@code x^T x / m} for {@code x} of {@code m} rows */
    static INDArray meanOuterProduct(INDArray x) {
        return x.transpose().mmul(x).divi(x.rows());
    }

    /**
     * Exponential moving average in place: {@code old <- decay old + (1 - decay) batch}.
     *
     * @param batch this batch's statistic; overwritten (callers pass a temporary)
     */
    static void movingAverage(INDArray old, INDArray batch, double decay) {
        old.muli(decay).addi(batch.muli(1.0 - decay));
    }

    /**
     * @param what names the matrix in the error message
     * @throws ArithmeticException if {@code x} holds a NaN or an infinity
     */
    static void requireFinite(INDArray x, String what) {
        if (!FiniteValues.all(x)) {
            throw new ArithmeticException(what + " is not finite");
        }
    }

    /** @return {@code x + shift I} as a new double array */
    static INDArray addToDiagonal(INDArray x, double shift) {
        INDArray shifted = x.castTo(DataType.DOUBLE);
        if (shifted == x || shifted.isView()) {
            shifted = shifted.dup();
        }
        diagonal(shifted).addi(shift);
        return shifted;
    }

    /** @return a row-major double copy of {@code x} */
    static INDArray doubleCopy(INDArray x) {
        return Nd4j.create(DataType.DOUBLE, x.shape(), 'c').assign(x);
    }

    /** @return the trace of the square matrix {@code x} */
    static double trace(INDArray x) {
        return diagonal(x.isView() ? x.dup('c') : x).sumNumber().doubleValue();
    }

    /**
     * @param square a square matrix that is not a view (so its elements are contiguous from its offset)
     * @return its diagonal as a strided view: writes go to {@code square}
     */
    private static INDArray diagonal(INDArray square) {
        long n = square.rows();
        return Nd4j.create(square.data(), new long[] {n}, new long[] {n + 1}, square.offset(), square.ordering());
    }

    /**
     * Inverse of {@code damped = sym + damping I} for a symmetric positive semi-definite {@code sym} (both given: the
     * callers keep the damped matrix too).
     *
     * @param what names the matrix in error messages
     * @throws ArithmeticException when the damped matrix is singular, not positive definite or not finite
     */
    static INDArray inverseOfDamped(INDArray sym, INDArray damped, double damping, InverseMethod method, String what) {
        requireFinite(sym, what);
        INDArray inverse = method == InverseMethod.EIGEN
                ? eigenInverse(sym, damping, what)
                : choleskyInverse(damped, damping, what);
        requireFinite(inverse, "inverse of " + what);
        return inverse;
    }

    private static INDArray eigenInverse(INDArray sym, double damping, String what) {
        INDArray vectors = sym.castTo(DataType.DOUBLE).dup('f');
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(vectors, true);
        // Rounding makes the smallest eigenvalues of a rank-deficient factor slightly negative; the true ones are >= 0.
        INDArray damped = Transforms.max(values, 0.0).addi(damping);
        if (damped.minNumber().doubleValue() <= 0.0) {
            throw new ArithmeticException(what + " plus damping " + damping + " is singular; increase the damping");
        }
        INDArray reciprocal = damped.rdiv(1.0).reshape(1, damped.length());
        return vectors.mulRowVector(reciprocal).mmul(vectors.transpose());
    }

    private static INDArray choleskyInverse(INDArray damped, double damping, String what) {
        try {
            return SpdInverse.invert(damped);
        } catch (ArithmeticException e) {
            throw new ArithmeticException(what + " plus damping " + damping
                    + " is not positive definite; increase the damping or use InverseMethod.EIGEN");
        }
    }

    /**
     * Forward substitution against the identity, one row at a time so the inner loop runs over contiguous memory:
     * about n^3 / 6 multiply-adds, for the small blocks of {@link SpdInverse}. (ND4J 1.0.0-M2.1's {@code trsm}
     * wrapper passes LAPACK an illegal argument, and its {@code triangular_solve} op takes about 30 s at 785 x 785.)
     *
     * @param lower a lower-triangular {@code n x n} matrix in row-major order (the upper part is ignored)
     * @return its inverse, lower-triangular, row-major
     */
    static double[] lowerTriangularInverse(double[] lower, int n) {
        double[] inverse = new double[n * n];
        for (int i = 0; i < n; i++) {
            int row = i * n;
            inverse[row + i] = 1.0;
            for (int k = 0; k < i; k++) {
                double coefficient = lower[row + k];
                if (coefficient != 0.0) {
                    int other = k * n;
                    for (int j = 0; j <= k; j++) {
                        inverse[row + j] -= coefficient * inverse[other + j];
                    }
                }
            }
            double pivot = lower[row + i];
            for (int j = 0; j <= i; j++) {
                inverse[row + j] /= pivot;
            }
        }
        return inverse;
    }

    /** @return the Kronecker product {@code kron(left, right)} in double precision; for small matrices */
    static INDArray kronecker(INDArray left, INDArray right) {
        double[][] l = left.toDoubleMatrix();
        double[][] r = right.toDoubleMatrix();
        int lr = l.length, lc = l[0].length, rr = r.length, rc = r[0].length;
        double[][] out = new double[lr * rr][lc * rc];
        for (int i = 0; i < lr; i++) {
            for (int j = 0; j < lc; j++) {
                for (int p = 0; p < rr; p++) {
                    for (int q = 0; q < rc; q++) {
                        out[i * rr + p][j * rc + q] = l[i][j] * r[p][q];
                    }
                }
            }
        }
        return Nd4j.create(out);
    }
}
