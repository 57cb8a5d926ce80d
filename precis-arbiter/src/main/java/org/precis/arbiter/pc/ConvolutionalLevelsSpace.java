package org.precis.arbiter.pc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.arbiter.optimize.api.AbstractParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.precis.pc.conf.ConvolutionalLevel;

/**
 * The convolutional levels of a supervised predictive-coding layer as search dimensions: the channels of each
 * level, one kernel size for every level, and one pooling type for every pooled level; whatever is not searched
 * keeps the value of the base levels. A searched kernel size k gets padding (k - 1) / 2, which keeps the image
 * size at stride 1 for odd k, so a kernel change never shifts the shapes of the levels above. Used with
 * {@link PredictiveCodingOutputLayerSpace.Builder#convolutionalLevels(ParameterSpace)}:
 * <pre>{@code
 * new ConvolutionalLevelsSpace.Builder(firstLevel, secondLevel)
 *         .channels(new IntegerParameterSpace(16, 64), new IntegerParameterSpace(32, 128))
 *         .kernelSize(new DiscreteParameterSpace<>(3, 5))
 *         .build();
 * }</pre>
 */
public class ConvolutionalLevelsSpace extends AbstractParameterSpace<ConvolutionalLevel[]> {

    private ConvolutionalLevel[] levels;
    private List<ParameterSpace<Integer>> channels;
    private ParameterSpace<Integer> kernelSize;
    private ParameterSpace<ConvolutionalLevel.Pooling> pooling;

    /**
     * @param levels     the base levels, bottom first (copied)
     * @param channels   one space per level for its channels, or null to keep them
     * @param kernelSize the kernel size of every level (square), or null to keep each level's
     * @param pooling    the pooling of every level that pools, or null to keep it
     */
    public ConvolutionalLevelsSpace(@JsonProperty("levels") ConvolutionalLevel[] levels,
            @JsonProperty("channels") List<ParameterSpace<Integer>> channels,
            @JsonProperty("kernelSize") ParameterSpace<Integer> kernelSize,
            @JsonProperty("pooling") ParameterSpace<ConvolutionalLevel.Pooling> pooling) {
        this.levels = copy(Objects.requireNonNull(levels, "levels"));
        if (channels != null && channels.size() != levels.length) {
            throw new IllegalArgumentException("ConvolutionalLevelsSpace: one channel space per level needed ("
                    + levels.length + "), got " + channels.size());
        }
        this.channels = channels == null ? null : List.copyOf(channels);
        this.kernelSize = kernelSize;
        this.pooling = pooling;
    }

    private static ConvolutionalLevel[] copy(ConvolutionalLevel[] levels) {
        ConvolutionalLevel[] out = new ConvolutionalLevel[levels.length];
        for (int i = 0; i < levels.length; i++) {
            out[i] = levels[i].clone();
        }
        return out;
    }

    @Override
    public ConvolutionalLevel[] getValue(double[] parameterValues) {
        ConvolutionalLevel[] out = copy(levels);
        Integer k = kernelSize == null ? null : kernelSize.getValue(parameterValues);
        ConvolutionalLevel.Pooling p = pooling == null ? null : pooling.getValue(parameterValues);
        for (int i = 0; i < out.length; i++) {
            if (channels != null) {
                out[i].setChannels(channels.get(i).getValue(parameterValues));
            }
            if (k != null) {
                out[i].setKernelSize(new int[] {k, k});
                out[i].setPadding(new int[] {(k - 1) / 2, (k - 1) / 2});
            }
            if (p != null && out[i].getPooling() != ConvolutionalLevel.Pooling.NONE) {
                out[i].setPooling(p);
            }
        }
        return out;
    }

    @Override
    public int numParameters() {
        int n = 0;
        for (ParameterSpace<?> d : getNestedSpaces().values()) {
            n += d.numParameters();
        }
        return n;
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> leaves = new ArrayList<>();
        for (ParameterSpace<?> d : getNestedSpaces().values()) {
            leaves.addAll(d.collectLeaves());
        }
        return leaves;
    }

    /**
     * Arbiter finds the leaves it indexes by walking {@code getNestedSpaces()} of every space that is not a leaf
     * (not {@link #collectLeaves()}), and the default finds only fields that are spaces themselves: the channel spaces,
     * held in a list, would never be indexed and every candidate would fail. So the dimensions are named here.
     */
    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        Map<String, ParameterSpace> nested = new LinkedHashMap<>();
        if (channels != null) {
            for (int i = 0; i < channels.size(); i++) {
                nested.put("channels" + i, channels.get(i));
            }
        }
        if (kernelSize != null) {
            nested.put("kernelSize", kernelSize);
        }
        if (pooling != null) {
            nested.put("pooling", pooling);
        }
        return nested;
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("ConvolutionalLevelsSpace is not a leaf: Arbiter indexes its leaves");
    }

    /** @return the base levels (a copy) */
    public ConvolutionalLevel[] getLevels() {
        return copy(levels);
    }

    /** @return the channel space of each level, or null when the channels are kept */
    public List<ParameterSpace<Integer>> getChannels() {
        return channels;
    }

    /** @return the kernel size space, or null when each level keeps its kernel */
    public ParameterSpace<Integer> getKernelSize() {
        return kernelSize;
    }

    /** @return the pooling space, or null when each level keeps its pooling */
    public ParameterSpace<ConvolutionalLevel.Pooling> getPooling() {
        return pooling;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvolutionalLevelsSpace other && Arrays.equals(levels, other.levels)
                && Objects.equals(channels, other.channels) && Objects.equals(kernelSize, other.kernelSize)
                && Objects.equals(pooling, other.pooling);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(levels), channels, kernelSize, pooling);
    }

    @Override
    public String toString() {
        return "ConvolutionalLevelsSpace(levels=" + Arrays.toString(levels) + ", channels=" + channels
                + ", kernelSize=" + kernelSize + ", pooling=" + pooling + ")";
    }

    /** Builder of {@link ConvolutionalLevelsSpace}; every dimension not set keeps the base levels' value. */
    public static class Builder {
        private final ConvolutionalLevel[] levels;
        private List<ParameterSpace<Integer>> channels;
        private ParameterSpace<Integer> kernelSize;
        private ParameterSpace<ConvolutionalLevel.Pooling> pooling;

        /** @param levels the base levels, bottom first */
        public Builder(ConvolutionalLevel... levels) {
            this.levels = levels;
        }

        /** @param perLevel one channel space per level, bottom first @return this */
        @SafeVarargs
        public final Builder channels(ParameterSpace<Integer>... perLevel) {
            this.channels = List.of(perLevel);
            return this;
        }

        /** @param size the square kernel size of every level (padding (k - 1) / 2) @return this */
        public Builder kernelSize(ParameterSpace<Integer> size) {
            this.kernelSize = size;
            return this;
        }

        /** @param type the pooling of every pooled level @return this */
        public Builder pooling(ParameterSpace<ConvolutionalLevel.Pooling> type) {
            this.pooling = type;
            return this;
        }

        /** @return the space */
        public ConvolutionalLevelsSpace build() {
            return new ConvolutionalLevelsSpace(levels, channels, kernelSize, pooling);
        }
    }
}
