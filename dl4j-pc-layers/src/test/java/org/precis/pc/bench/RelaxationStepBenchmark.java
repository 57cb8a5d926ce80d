package org.precis.pc.bench;

import java.lang.management.ManagementFactory;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.precis.pc.PcNetworks;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;

/**
 * Not a test: measures the time of one relaxation step at 784-256-256-10, batch 128, float32, against the GEMM
 * FLOP bound of its shapes (measured sgemm throughput on this machine). Run with OMP_NUM_THREADS=1:
 * {@code mvn -q -o exec:java} is not configured, so run the class from the test classpath.
 */
public final class RelaxationStepBenchmark {

    private static final int BATCH = 128;
    private static final int[] HIDDEN = {256, 256};

    private RelaxationStepBenchmark() {
    }

    public static void main(String[] args) {
        DataSet data = new DataSet(Nd4j.rand(DataType.FLOAT, BATCH, 784),
                Nd4j.eye(10).castTo(DataType.FLOAT).repeat(0, 13).get(
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, BATCH),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()));
        for (PrecisionForm form : new PrecisionForm[] {PrecisionForm.NONE, PrecisionForm.DIAGONAL}) {
            double tShort = secondsPerFit(form, 1, data);
            double tLong = secondsPerFit(form, 41, data);
            double tDefault = secondsPerFit(form, 20, data);
            double perStep = (tLong - tShort) / 40;
            System.out.printf("%s: fit(batch) T=1 %.3f ms, T=20 %.3f ms, T=41 %.3f ms -> %.3f ms per relaxation step;"
                            + " epoch of 60000 at T=20 ~ %.1f s%n", form, tShort * 1e3, tDefault * 1e3, tLong * 1e3,
                    perStep * 1e3, tDefault * 60000.0 / BATCH);
        }
        double bp = secondsPerBackpropFit(data);
        System.out.printf("BP (Dense 784-256-256 + Output, Adam) fit(batch) %.3f ms; epoch ~ %.1f s%n", bp * 1e3,
                bp * 60000.0 / BATCH);

        long macs = (long) BATCH * (256 * 256 + 256 * 10) * 2;
        double gflops = sgemmGflops();
        System.out.printf("one step: %d MACs in GEMMs = %.1f MFLOP; sgemm here %.1f GFLOP/s -> bound %.3f ms%n", macs,
                2.0 * macs / 1e6, gflops, 2.0 * macs / (gflops * 1e9) * 1e3);
    }

    private static MultiLayerNetwork pcNet(PrecisionForm form, int steps) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(PcNetworks.supervisedMlpLayer(784, HIDDEN, 10, form, new Adam(1e-3))
                        .relaxationSteps(steps).build())
                .build());
        net.init();
        return net;
    }

    private static double secondsPerFit(PrecisionForm form, int steps, DataSet data) {
        MultiLayerNetwork net = pcNet(form, steps);
        return time(net, data);
    }

    private static double secondsPerBackpropFit(DataSet data) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(
                        org.nd4j.linalg.activations.Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(256).nOut(256).activation(
                        org.nd4j.linalg.activations.Activation.TANH).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(256).nOut(10).build())
                .build());
        net.init();
        return time(net, data);
    }

    private static double time(MultiLayerNetwork net, DataSet data) {
        for (int i = 0; i < 30; i++) {
            net.fit(data);
        }
        // The minimum over rounds: the machine is shared, and other processes only ever add time.
        int reps = 20;
        double s = Double.POSITIVE_INFINITY;
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long heapBefore = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int round = 0; round < 8; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                net.fit(data);
            }
            s = Math.min(s, (System.nanoTime() - start) / 1e9 / reps);
        }
        long heap = (mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - heapBefore) / (8 * reps);
        if (net.getLayer(net.getnLayers() - 1).conf().getLayer() instanceof PredictiveCodingOutputLayer) {
            int t = ((PredictiveCodingOutputLayer) net.getLayer(net.getnLayers() - 1).conf().getLayer())
                    .getRelaxationSteps();
            System.out.printf("  T=%d: Java heap allocated per fit %d bytes%n", t, heap);
        }
        return s;
    }

    private static double sgemmGflops() {
        INDArray a = Nd4j.rand(DataType.FLOAT, BATCH, 256);
        INDArray b = Nd4j.rand(DataType.FLOAT, 256, 256);
        INDArray c = Nd4j.create(DataType.FLOAT, BATCH, 256);
        for (int i = 0; i < 200; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        int reps = 200;
        double s = Double.POSITIVE_INFINITY;
        for (int round = 0; round < 20; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            }
            s = Math.min(s, (System.nanoTime() - start) / 1e9 / reps);
        }
        return 2.0 * BATCH * 256 * 256 / s / 1e9;
    }
}
