package org.precis.arbiter.pc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.arbiter.optimize.api.AbstractParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The hidden level sizes of a predictive-coding hierarchy as two dimensions: how many hidden levels (depth) and
 * how many units each has (width, the same for every level). This is how Arbiter searches sizes elsewhere (one
 * {@code nOut} space per layer space, repeated {@code numLayers} times), and, unlike a choice among {@code int[]}
 * values, it reads back from JSON.
 */
public class HiddenSizesSpace extends AbstractParameterSpace<int[]> {

    private ParameterSpace<Integer> levels;
    private ParameterSpace<Integer> width;

    /**
     * @param levels number of hidden levels, each value {@code >= 0} (0: the output level sits on the input)
     * @param width  units of every hidden level, each value {@code >= 1}
     */
    public HiddenSizesSpace(@JsonProperty("levels") ParameterSpace<Integer> levels,
            @JsonProperty("width") ParameterSpace<Integer> width) {
        this.levels = Objects.requireNonNull(levels, "levels");
        this.width = Objects.requireNonNull(width, "width");
    }

    /** A fixed depth and a searched width. */
    public HiddenSizesSpace(int levels, ParameterSpace<Integer> width) {
        this(new FixedValue<>(levels), width);
    }

    @Override
    public int[] getValue(double[] parameterValues) {
        int n = levels.getValue(parameterValues);
        int w = width.getValue(parameterValues);
        if (n < 0 || w < 1) {
            throw new IllegalArgumentException("HiddenSizesSpace: need levels >= 0 and width >= 1, got " + n
                    + " and " + w);
        }
        int[] sizes = new int[n];
        Arrays.fill(sizes, w);
        return sizes;
    }

    @Override
    public int numParameters() {
        return levels.numParameters() + width.numParameters();
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> leaves = new ArrayList<>(levels.collectLeaves());
        leaves.addAll(width.collectLeaves());
        return leaves;
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("HiddenSizesSpace is not a leaf: Arbiter indexes its two leaves");
    }

    /** @return the space of the number of hidden levels */
    public ParameterSpace<Integer> getLevels() {
        return levels;
    }

    /** @return the space of the width of every hidden level */
    public ParameterSpace<Integer> getWidth() {
        return width;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HiddenSizesSpace other && levels.equals(other.levels) && width.equals(other.width);
    }

    @Override
    public int hashCode() {
        return Objects.hash(levels, width);
    }

    @Override
    public String toString() {
        return "HiddenSizesSpace(levels=" + levels + ", width=" + width + ")";
    }
}
