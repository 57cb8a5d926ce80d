package org.precis.samples.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

    @Test
    void anNd4jArrayCountsItsBytesUntilItIsFreed() {
        double before = MemoryUse.now().nd4jArraysMiB();
        INDArray array = Nd4j.create(DataType.FLOAT, 16 * MIB / Float.BYTES);
        double held = MemoryUse.now().nd4jArraysMiB();
        array.close();
        double after = MemoryUse.now().nd4jArraysMiB();

        assertThat(held - before).isCloseTo(16.0, within(0.5));
        assertThat(after - before).isCloseTo(0.0, within(0.5));
    }

    @Test
    void aWorkspaceCountsTheMemoryItHoldsUntilItIsDestroyed() {
        double before = MemoryUse.now().nd4jWorkspacesMiB();
        WorkspaceConfiguration config = WorkspaceConfiguration.builder().initialSize(24L * MIB)
                .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.NONE).build();
        MemoryWorkspace workspace = Nd4j.getWorkspaceManager().createNewWorkspace(config, "memory-use-test");
        double held = MemoryUse.now().nd4jWorkspacesMiB();
        workspace.destroyWorkspace();
        double after = MemoryUse.now().nd4jWorkspacesMiB();

        assertThat(held - before).isCloseTo(24.0, within(0.5));
        assertThat(after - before).isCloseTo(0.0, within(0.5));
    }

    @Test
    void aJavaCppPointerCountsItsBytesUntilItIsFreed() {
        double before = MemoryUse.now().javacppMiB();
        BytePointer pointer = new BytePointer(8L * MIB);
        double held = MemoryUse.now().javacppMiB();
        pointer.close();
        double after = MemoryUse.now().javacppMiB();

        assertThat(held - before).isCloseTo(8.0, within(0.5));
        assertThat(after - before).isCloseTo(0.0, within(0.5));
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
