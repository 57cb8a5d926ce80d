package org.precis.samples.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.samples.arms.Arms;
import org.precis.samples.arms.NetworkShape;
import org.precis.samples.arms.PcArm;

class DiagnosticsTraceTest {

    private static final NetworkShape SHAPE = new NetworkShape(12, new int[] {8}, 3);

    private static DataSet batch(long seed) {
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), 16, 12);
        INDArray y = Nd4j.zeros(16, 3);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        return new DataSet(x, y);
    }

    private static DiagnosticsTrace train(MultiLayerNetwork net, int iterations) {
        DiagnosticsTrace trace = new DiagnosticsTrace();
        net.addListeners(trace);
        for (int i = 0; i < iterations; i++) {
            net.fit(batch(i));
        }
        return trace;
    }

    @Test
    void tracesEveryDiagnosticEveryTenIterationsAndEndsAtTheFinalDiagnostics() {
        MultiLayerNetwork net = Arms.byName(PcArm.PC_PRECISION).createNetwork(SHAPE, 1);
        // Iterations 0..20: points at 0, 10 and 20, the last one after the final batch.
        Map<String, List<Double>> values = train(net, 2 * DiagnosticsTrace.EVERY + 1).values();
        assertThat(values.get(DiagnosticsTrace.ITERATION)).containsExactly(0.0, 10.0, 20.0);
        Map<String, Double> last = PcArm.diagnosticsOf(net);
        assertThat(values.keySet()).containsAll(last.keySet());
        last.forEach((k, v) -> {
            assertThat(values.get(k)).as(k).hasSize(3);
            assertThat(values.get(k).get(2)).as(k).isEqualTo(v);
        });
        // why: the running estimate moves from its initial value 1 as soon as errors are seen.
        assertThat(values.get("outputPrecision").get(0)).isNotEqualTo(1.0);
        // Relaxation steps are counted cumulatively: T steps per batch.
        assertThat(values.get("relaxationSteps").get(1)).isGreaterThan(values.get("relaxationSteps").get(0));
    }

    @Test
    void aNetworkWithoutAPcLayerLeavesTheTraceEmpty() {
        MultiLayerNetwork net = Arms.byName("bp-adam").createNetwork(SHAPE, 1);
        assertThat(train(net, DiagnosticsTrace.EVERY + 1).values()).isEmpty();
    }
}
