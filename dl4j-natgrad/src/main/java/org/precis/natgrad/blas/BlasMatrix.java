package org.precis.natgrad.blas;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How BLAS reads a rank-2 host array where it lies: its first element's address, whether its columns or its rows
 * are contiguous, and the leading dimension (the stride between them). {@link #of} gives null when BLAS cannot read
 * it in place (a stride other than 1 in both directions, or a leading dimension shorter than a column or row). Every
 * direct BLAS or LAPACK call of this library describes its arrays with it.
 */
public final class BlasMatrix {

    private final Pointer address;
    private final boolean columnMajor;
    private final int leadingDimension;

    private BlasMatrix(Pointer address, boolean columnMajor, int leadingDimension) {
        this.address = address;
        this.columnMajor = columnMajor;
        this.leadingDimension = leadingDimension;
    }

    /**
     * @param a any array (host memory: call on the CPU backend only)
     * @return how BLAS reads {@code a} in place, or null when it cannot
     */
    public static BlasMatrix of(INDArray a) {
        if (a.rank() != 2 || a.isEmpty() || a.offset() != a.data().offset() || a.length() > Integer.MAX_VALUE) {
            return null;
        }
        long rows = a.rows();
        long columns = a.columns();
        long rowStride = a.stride(0);
        long columnStride = a.stride(1);
        Pointer address = a.data().addressPointer(); // at the array's first element, its offset included
        if ((rows == 1 || rowStride == 1) && (columns == 1 || columnStride >= rows)) {
            return new BlasMatrix(address, true, (int) (columns == 1 ? rows : columnStride));
        }
        if ((columns == 1 || columnStride == 1) && (rows == 1 || rowStride >= columns)) {
            return new BlasMatrix(address, false, (int) (rows == 1 ? columns : rowStride));
        }
        return null;
    }

    /** @return the native address of the first element */
    public long address() {
        return address.address();
    }

    /** @return true when the columns are contiguous (column-major), false when the rows are */
    public boolean columnMajor() {
        return columnMajor;
    }

    /** @return the stride between consecutive columns (column-major) or rows (row-major), in elements */
    public int leadingDimension() {
        return leadingDimension;
    }

    /** @return the first element, for a {@code FLOAT} array */
    public FloatPointer floats() {
        return (FloatPointer) address;
    }

    /** @return the first element, for a {@code DOUBLE} array */
    public DoublePointer doubles() {
        return (DoublePointer) address;
    }
}
