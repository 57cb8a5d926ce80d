package org.precis.natgrad.blocks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads and writes the named arrays of a {@link CurvatureBlock}'s state: copies out of any workspace, and checks on
 * restore that each array has the shape and data type the block expects.
 */
final class BlockState {

    private final Map<String, INDArray> arrays = new LinkedHashMap<>();

    /** Adds a copy of {@code array} under {@code key}; a null array (never computed) is left out. */
    BlockState put(String key, INDArray array) {
        if (array != null) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                arrays.put(key, array.dup());
            }
        }
        return this;
    }

    /** @return the state, by name */
    Map<String, INDArray> toMap() {
        return arrays;
    }

    /**
     * @param state  a state written by {@link #put}
     * @param key    the array's name
     * @param rows   the rows it must have
     * @param columns the columns it must have
     * @param block  names the block in the error message
     * @return a copy of the array, outside any workspace, or null when the state does not hold it
     * @throws IllegalArgumentException when its shape differs
     */
    static INDArray get(Map<String, INDArray> state, String key, long rows, long columns, String block) {
        INDArray array = state.get(key);
        if (array == null) {
            return null;
        }
        if (!Arrays.equals(array.shape(), new long[] {rows, columns})) {
            throw new IllegalArgumentException("Saved curvature '" + key + "' of " + block + " has shape "
                    + Arrays.toString(array.shape()) + ", the layer needs [" + rows + ", " + columns + "]");
        }
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            return array.dup();
        }
    }
}
