package org.precis.arbiter.pc;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Fixed hidden level sizes, not searched. Why not Arbiter's {@code FixedValue<int[]>}: it compares its value
 * with {@code equals}, which for arrays is identity, so a space holding one never equals itself read back from
 * JSON.
 */
public class FixedSizesSpace implements ParameterSpace<int[]> {

    private final int[] sizes;

    /** @param sizes hidden level sizes, bottom first (copied) */
    @JsonCreator
    public FixedSizesSpace(@JsonProperty("sizes") int... sizes) {
        this.sizes = sizes.clone();
    }

    /** @return a copy of the sizes, whatever the values */
    @Override
    public int[] getValue(double[] parameterValues) {
        return sizes.clone();
    }

    @Override
    public int numParameters() {
        return 0;
    }

    /** @return no leaves: nothing to search, as for Arbiter's {@code FixedValue} */
    @Override
    public List<ParameterSpace> collectLeaves() {
        return List.of();
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        return Map.of();
    }

    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    public void setIndices(int... indices) {
        if (indices != null && indices.length != 0) {
            throw new IllegalArgumentException("FixedSizesSpace has no searched dimension to index");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FixedSizesSpace other && Arrays.equals(sizes, other.sizes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes);
    }

    @Override
    public String toString() {
        return "FixedSizesSpace(" + Arrays.toString(sizes) + ")";
    }
}
