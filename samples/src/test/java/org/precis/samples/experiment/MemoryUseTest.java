package org.precis.samples.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each part of a memory sample moves by what is put into it: an ND4J array, a workspace and a JavaCPP pointer of a
 * known size, a Java array kept across a collection.
 */
class MemoryUseTest {

    private static final int MIB = 1024 * 1024;
    /** Room for what other code allocates meanwhile (ND4J's own small buffers). */
    private static final double TOLERANCE_MIB = 0.5;

    /**
     * Asserts that {@code figure} rises by {@code expectedMiB} while what {@code allocate} made is held, and falls back
     * once the returned action frees it.
     */
    private static void assertCountedUntilFreed(ToDoubleFunction<MemoryUse> figure, double expectedMiB,
            Supplier<Runnable> allocate) {
        double before = figure.applyAsDouble(MemoryUse.now());
        Runnable free = allocate.get();
        double held = figure.applyAsDouble(MemoryUse.now());
        free.run();
        double after = figure.applyAsDouble(MemoryUse.now());

        assertThat(held - before).isCloseTo(expectedMiB, within(TOLERANCE_MIB));
        assertThat(after - before).isCloseTo(0.0, within(TOLERANCE_MIB));
    }

    @Test
    void anNd4jArrayCountsItsBytesUntilItIsFreed() {
        assertCountedUntilFreed(MemoryUse::nd4jArraysMiB, 16.0, () -> {
            INDArray array = Nd4j.create(DataType.FLOAT, 16 * MIB / Float.BYTES);
            return array::close;
        });
    }

    @Test
    void aWorkspaceCountsTheMemoryItHoldsUntilItIsDestroyed() {
        assertCountedUntilFreed(MemoryUse::nd4jWorkspacesMiB, 24.0, () -> {
            WorkspaceConfiguration config = WorkspaceConfiguration.builder().initialSize(24L * MIB)
                    .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.NONE).build();
            MemoryWorkspace workspace = Nd4j.getWorkspaceManager().createNewWorkspace(config, "memory-use-test");
            return workspace::destroyWorkspace;
        });
    }

    @Test
    void aJavaCppPointerCountsItsBytesUntilItIsFreed() {
        assertCountedUntilFreed(MemoryUse::javacppMiB, 8.0, () -> {
            BytePointer pointer = new BytePointer(8L * MIB);
            return pointer::close;
        });
    }

    @Test
    void aJavaArrayKeptAcrossACollectionIsInTheHeapAfterIt() {
        byte[] kept = new byte[48 * MIB];
        System.gc();
        MemoryUse sample = MemoryUse.now();

        assertThat(kept).hasSize(48 * MIB);
        assertThat(sample.heapAfterGcMiB()).isGreaterThanOrEqualTo(48.0);
        assertThat(sample.heapCommittedMiB()).isGreaterThanOrEqualTo(sample.heapAfterGcMiB());
    }
}
