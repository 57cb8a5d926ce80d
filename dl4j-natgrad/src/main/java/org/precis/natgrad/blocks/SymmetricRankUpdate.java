package org.precis.natgrad.blocks;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.blas.BlasMatrix;
import org.precis.natgrad.blas.Gemm;

/**
 * The moving-average update of a symmetric second-moment matrix, {@code C <- alpha X^T X + beta C}, with BLAS's
 * symmetric rank-k update ({@code syrk}) where the CPU backend can take it: {@code syrk} computes one triangle, half
 * the multiply-adds of the general product (a 128 x 785 batch into a 785 x 785 factor: 0.73 against 1.45 ms at one
 * thread). It leaves the other triangle as it was, so the caller keeps a flag saying the upper triangle is stale and
 * fills it from the lower one ({@link LowerTriangle#mirror}) only when a reader needs the whole matrix: K-FAC updates
 * its factors every step or every few steps and inverts them ten to a hundred times less often.
 *
 * <p>ND4J 1.0.0-M2.1's own {@code Level3.syrk} cannot serve: it passes a rank of 1 to BLAS whatever the shape of
 * {@code X}. This class therefore calls the OpenBLAS binding that ND4J's CPU backend itself calls for its products
 * ({@code org.bytedeco:openblas}, present with {@code nd4j-native}); on any other backend, or for arrays BLAS
 * cannot read in place, it takes the general product ({@link Gemm}), which fills the whole matrix.
 */
final class SymmetricRankUpdate {

    private SymmetricRankUpdate() {
    }

    /**
     * {@code c <- alpha x^T x + beta c}.
     *
     * @param x          the statistics, {@code m x n}; not modified
     * @param c          the symmetric matrix, {@code n x n}, column-major; not sharing memory with {@code x}
     * @param alpha      scale of the product
     * @param beta       scale of the old matrix (0 overwrites it)
     * @param upperStale whether {@code c}'s upper triangle is stale (a previous call returned true and no one
     *                   has mirrored it since)
     * @return true when only the lower triangle (with the diagonal) was updated and the upper one is now stale;
     *         false when the whole matrix is current
     */
    static boolean update(INDArray x, INDArray c, double alpha, double beta, boolean upperStale) {
        if (blasCanUpdateInPlace(x, c)) {
            syrkLower(x, c, alpha, beta);
            return true;
        }
        if (upperStale) {
            LowerTriangle.mirror(c);
        }
        Gemm.multiply(x, true, x, false, c, alpha, beta);
        return false;
    }

    /**
     * Whether BLAS can update {@code c} from {@code x} in place: the CPU backend, both {@code FLOAT} or both
     * {@code DOUBLE}, each readable by BLAS where it lies ({@link BlasMatrix}), {@code c} column-major.
     */
    static boolean blasCanUpdateInPlace(INDArray x, INDArray c) {
        DataType type = c.dataType();
        if (!Nd4j.getEnvironment().isCPU() || (type != DataType.FLOAT && type != DataType.DOUBLE)
                || x.dataType() != type || c.rank() != 2 || c.rows() != x.columns() || c.columns() != x.columns()) {
            return false;
        }
        BlasMatrix target = BlasMatrix.of(c);
        return target != null && target.columnMajor() && BlasMatrix.of(x) != null;
    }

    /**
     * The lower triangle of {@code c <- alpha x^T x + beta c}. A column-major {@code x} ({@code m x n}) enters
     * transposed; a row-major one is, read column-major, {@code x^T} ({@code n x m}) and enters as it is.
     */
    private static void syrkLower(INDArray x, INDArray c, double alpha, double beta) {
        BlasMatrix statistics = BlasMatrix.of(x);
        BlasMatrix target = BlasMatrix.of(c);
        int n = (int) x.columns();
        int k = (int) x.rows();
        int trans = statistics.columnMajor() ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int order = openblas_nolapack.CblasColMajor;
        int lower = openblas_nolapack.CblasLower;
        if (c.dataType() == DataType.FLOAT) {
            openblas_nolapack.cblas_ssyrk(order, lower, trans, n, k, (float) alpha, statistics.floats(),
                    statistics.leadingDimension(), (float) beta, target.floats(), target.leadingDimension());
        } else {
            openblas_nolapack.cblas_dsyrk(order, lower, trans, n, k, alpha, statistics.doubles(),
                    statistics.leadingDimension(), beta, target.doubles(), target.leadingDimension());
        }
    }
}
