package org.precis.natgrad.memory;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scratch workspaces for K-FAC's temporaries and in-place retention of the state that must outlive them.
 *
 * <p>Inside {@code try (MemoryWorkspace ws = ScratchMemory.open(id)) { ... }} every new array is carved from one
 * buffer that is reused by the next opening of the same workspace (per thread): the first opening learns the size,
 * larger later openings spill to separate memory freed at close and grow the buffer. Arrays made inside are
 * invalid after the block; whatever must survive is copied out with {@link #retain}.
 */
public final class ScratchMemory {

    /** Workspace of the statistics a layer records during backprop. */
    public static final String RECORD = "PRECIS_KFAC_RECORD";
    /** Workspace of a preconditioning step: factor updates, inverses, natural gradients. */
    public static final String PRECONDITION = "PRECIS_KFAC_PRECONDITION";

    private static final WorkspaceConfiguration CONFIGURATION = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.1)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private ScratchMemory() {
    }

    /**
     * @param id {@link #RECORD} or {@link #PRECONDITION} (one buffer per id and thread)
     * @return the activated workspace; close it (try-with-resources) to end the scope
     */
    public static MemoryWorkspace open(String id) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIGURATION, id);
    }

    /**
     * An array outside any workspace for state that the caller then overwrites in place, for instance as the output
     * of a matrix product. {@code target} is reused, contents unchanged, when it has the requested type, order and
     * shape; otherwise it is released and an array of zeros is allocated.
     *
     * @param target the array kept from before, or null the first time; not valid after this call unless returned
     * @param type   data type
     * @param order  {@code 'c'} or {@code 'f'}
     * @param shape  shape
     * @return the array to keep in place of {@code target}
     */
    public static INDArray reuse(INDArray target, DataType type, char order, long... shape) {
        if (target != null && target.dataType() == type && target.ordering() == order
                && Arrays.equals(target.shape(), shape)) {
            return target;
        }
        if (target != null && target.closeable()) {
            target.close();
        }
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            return Nd4j.create(type, shape, order);
        }
    }

    /**
     * {@code value} in the given data type and layout, outside any workspace: {@code value} itself when it already
     * is, else a converted copy (and {@code value} is released).
     *
     * @param value an array outside any workspace; not valid after this call unless returned
     * @return the array to keep in place of {@code value}
     */
    public static INDArray convert(INDArray value, DataType type, char order) {
        if (value.dataType() == type && value.ordering() == order && !value.isView() && !value.isAttached()) {
            return value;
        }
        INDArray converted;
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            converted = Nd4j.create(type, value.shape(), order).assign(value);
        }
        if (value.closeable()) {
            value.close();
        }
        return converted;
    }

    /**
     * Copies {@code value} into {@code target}, outside any workspace. {@code target} is reused when it has the
     * shape, data type and layout of {@code value}; otherwise it is released and a new array is allocated (so a
     * layer whose batch size alternates between two values allocates twice, not every step).
     *
     * @param target the array kept from before, or null the first time; not valid after this call unless returned
     * @param value  the new contents, possibly a workspace temporary; not modified
     * @return the array now holding the contents of {@code value}: keep it in place of {@code target}
     */
    public static INDArray retain(INDArray target, INDArray value) {
        // Same layout too: ND4J copies between row- and column-major arrays several times slower than within one.
        if (target != null && target.dataType() == value.dataType() && target.ordering() == value.ordering()
                && Arrays.equals(target.shape(), value.shape()) && target != value) {
            return target.assign(value);
        }
        if (target == value && !value.isAttached()) {
            return target;
        }
        if (target != null && target.closeable()) {
            target.close();
        }
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            return value.dup(value.ordering());
        }
    }
}
