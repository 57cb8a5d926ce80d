package org.precis.natgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.blocks.DenseKroneckerFactoredBlock;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.listener.KFacListener;
import org.precis.natgrad.memory.ScratchMemory;

/**
 * K-FAC's off-heap memory discipline: temporaries are reused through {@link ScratchMemory} workspaces, while the
 * curvature state, kept outside them, survives that reuse unchanged.
 */
class KFacMemoryTest {

    @Test
    void retainedCopySurvivesReuseOfTheWorkspaceItCameFrom() {
        INDArray kept;
        try (MemoryWorkspace ignored = ScratchMemory.open(ScratchMemory.PRECONDITION)) {
            INDArray temporary = Nd4j.linspace(DataType.DOUBLE, 1, 12, 1).reshape(3, 4);
            kept = ScratchMemory.retain(null, temporary);
        }
        for (int cycle = 0; cycle < 3; cycle++) {
            try (MemoryWorkspace ignored = ScratchMemory.open(ScratchMemory.PRECONDITION)) {
                Nd4j.valueArrayOf(new long[] {3, 4}, -7.0, DataType.DOUBLE);
            }
        }
        assertThat(kept.isAttached()).isFalse();
        assertThat(kept.ravel().toDoubleVector()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    @Test
    void retainOverwritesATargetOfTheSameShapeAndReplacesOneOfAnotherShape() {
        INDArray target = Nd4j.zeros(DataType.FLOAT, 2, 3);
        INDArray same = ScratchMemory.retain(target, Nd4j.ones(DataType.FLOAT, 2, 3));
        assertThat(same).isSameAs(target);
        assertThat(target.sumNumber().doubleValue()).isEqualTo(6.0);

        INDArray other = ScratchMemory.retain(same, Nd4j.ones(DataType.FLOAT, 5, 3));
        assertThat(other.shape()).containsExactly(5, 3);
        assertThat(other.sumNumber().doubleValue()).isEqualTo(15.0);
    }

    /**
     * Between inverse updates the preconditioner is fixed (CurvatureBlock's contract), while the scratch workspace
     * is reused by every step: if any inverse lived in it, the next step's temporaries would overwrite it.
     */
    @Test
    void inverseAndFactorsSurviveTheStepsBetweenInverseUpdates() {
        KFac kfac = KFac.builder().learningRate(0.05).curvatureUpdatePeriod(1).inverseUpdatePeriod(4).build();
        MultiLayerNetwork net = TinyNets.network(TinyNets.tanhSoftmax(kfac, 6, 5, 3));
        KFacListener listener = KFacTraining.attach(net);
        DenseKroneckerFactoredBlock block =
                (DenseKroneckerFactoredBlock) listener.estimator().layers().get(0).block();
        DataSet first = TinyNets.teacherData(1, 32, 6, 3);

        net.fit(first);

        // Oracle for the first step: A = mean of [x, 1][x, 1]^T over the batch (the first update assigns).
        INDArray x = first.getFeatures();
        INDArray withOnes = Nd4j.hstack(x, Nd4j.ones(DataType.DOUBLE, x.rows(), 1));
        INDArray expectedA = withOnes.transpose().mmul(withOnes).divi(x.rows());
        assertThat(block.inputFactor().sub(expectedA).amaxNumber().doubleValue()).isLessThan(1e-12);

        Nd4j.getRandom().setSeed(7);
        INDArray probe = Nd4j.randn(DataType.DOUBLE, 7, 5);
        double[] afterFirstStep = block.multiplyInverse(probe).ravel().toDoubleVector();
        for (int step = 1; step < 4; step++) {
            net.fit(TinyNets.teacherData(10 + step, 32, 6, 3));
        }
        assertThat(block.multiplyInverse(probe).ravel().toDoubleVector()).containsExactly(afterFirstStep);
        double[] roundTrip = block.multiply(block.multiplyInverse(probe)).ravel().toDoubleVector();
        double[] expected = probe.ravel().toDoubleVector();
        for (int i = 0; i < expected.length; i++) {
            assertThat(roundTrip[i]).isCloseTo(expected[i], within(1e-9));
        }

        net.fit(TinyNets.teacherData(20, 32, 6, 3));
        assertThat(block.multiplyInverse(probe).ravel().toDoubleVector())
                .as("the fifth step updates the inverse from the new factors").isNotEqualTo(afterFirstStep);
    }

    /**
     * Regression check for off-heap garbage: each K-FAC step of this 784-500-784 auto-encoder used to leave about
     * 30 MB that only the Java garbage collector returned (gigabytes per hundred steps). With the temporaries in
     * reused workspaces, resident memory after warm-up stays within a small allowance.
     */
    @Test
    void residentMemoryStaysBoundedOverManyKFacSteps() {
        MultiLayerNetwork net = TinyNets.network(KFacMemoryProbe.autoencoder(
                KFac.builder().curvatureUpdatePeriod(1).inverseUpdatePeriod(10).build(), 500));
        KFacTraining.attach(net);
        DataSet[] batches = KFacMemoryProbe.randomImages(5, 3);
        for (int step = 0; step < 20; step++) {
            net.fit(batches[step % batches.length]);
        }
        long before = Pointer.physicalBytes();
        for (int step = 0; step < 100; step++) {
            net.fit(batches[step % batches.length]);
        }
        long grownMegabytes = (Pointer.physicalBytes() - before) >> 20;
        assertThat(grownMegabytes).as("resident memory growth over 100 K-FAC steps, MB").isLessThan(300);
    }
}
