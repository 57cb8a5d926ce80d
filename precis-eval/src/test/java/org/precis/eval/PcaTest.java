package org.precis.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PcaTest {

    @Test
    void theComponentsAreTheDirectionsOfLargestSpreadInOrder() {
        // Points t a + u b + offset with orthonormal a, b and centred, exactly uncorrelated t (spread 5) and u
        // (spread 1): the sample covariance is diagonal in the basis (a, b), so the first component is +-t and the
        // second +-u, whatever the offset.
        Nd4j.getRandom().setSeed(4);
        INDArray t = Nd4j.randn(DataType.DOUBLE, 500, 1).muli(5);
        t.subi(t.meanNumber());
        INDArray u = Nd4j.randn(DataType.DOUBLE, 500, 1);
        u.subi(u.meanNumber());
        u.subi(t.mul(t.transpose().mmul(u).getDouble(0) / t.transpose().mmul(t).getDouble(0)));
        INDArray a = Nd4j.createFromArray(new double[][] {{0.6, 0.8, 0}});
        INDArray b = Nd4j.createFromArray(new double[][] {{0, 0, 1}});
        INDArray x = t.mmul(a).addi(u.mmul(b)).addiRowVector(Nd4j.createFromArray(3.0, -2.0, 7.0));

        INDArray p = Pca.project(x, 2);

        INDArray first = p.getColumn(0).reshape(500, 1);
        INDArray second = p.getColumn(1).reshape(500, 1);
        assertThat(Math.min(first.sub(t).amaxNumber().doubleValue(), first.add(t).amaxNumber().doubleValue()))
                .isLessThan(1e-8);
        assertThat(Math.min(second.sub(u).amaxNumber().doubleValue(), second.add(u).amaxNumber().doubleValue()))
                .isLessThan(1e-8);
        assertThat(p.getColumn(0).meanNumber().doubleValue()).isCloseTo(0.0, within(1e-9));
    }
}
