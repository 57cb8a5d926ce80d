package org.precis.pc.bench;

import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.precis.pc.PcNetworks;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.convert.PcConversions;
import org.precis.pc.stats.PcStatisticsListener;

/**
 * Not a test: trains a compare arm on Fashion-MNIST (Debian's IDX files) and prints test accuracy and seconds
 * per epoch. Arguments: arm (pc | pc-precision | bp), epochs, [train limit], [state rate], [relaxation steps],
 * [hidden activation].
 */
public final class FashionMnistCheck {

    private FashionMnistCheck() {
    }

    public static void main(String[] args) throws IOException {
        String arm = args[0];
        int epochs = Integer.parseInt(args[1]);
        int limit = args.length > 2 ? Integer.parseInt(args[2]) : 60000;
        String dir = "/usr/share/datasets/fashion-mnist";
        DataSet train = read(dir + "/train-images-idx3-ubyte.gz", dir + "/train-labels-idx1-ubyte.gz", limit);
        DataSet test = read(dir + "/t10k-images-idx3-ubyte.gz", dir + "/t10k-labels-idx1-ubyte.gz", 10000);
        PredictiveCodingOutputLayer.Builder layer = PcNetworks.supervisedMlpLayer(784, new int[] {256, 256}, 10,
                "pc-precision".equals(arm) ? PrecisionForm.DIAGONAL : PrecisionForm.NONE, new Adam(1e-3));
        if (args.length > 3) {
            double rate = Double.parseDouble(args[3]);
            layer.stateRate(rate);
            if (!"pc".equals(arm)) {
                layer.varianceFloor(Math.max(rate, PredictiveCodingOutputLayer.DEFAULT_VARIANCE_FLOOR));
            }
        }
        if (args.length > 4) {
            layer.relaxationSteps(Integer.parseInt(args[4]));
        }
        if (args.length > 5) {
            layer.hiddenActivation(Activation.valueOf(args[5]));
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list().layer(layer.build())
                .build();
        if ("bp".equals(arm)) {
            // The same MLP trained by backpropagation, for reference.
            MultiLayerNetwork pcNet = new MultiLayerNetwork(conf);
            pcNet.init();
            conf = PcConversions.toStandardNetwork(pcNet).getLayerWiseConfigurations();
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.setListeners(new PcStatisticsListener(150, st -> System.out.println("  " + st + " total "
                + java.util.Arrays.toString(st.totalEnergyTrace()))));
        for (int epoch = 1; epoch <= epochs; epoch++) {
            train.shuffle(epoch);
            long start = System.nanoTime();
            net.fit(new ViewIterator(train, 128));
            double seconds = (System.nanoTime() - start) / 1e9;
            Evaluation eval = net.evaluate(new ViewIterator(test, 1000));
            System.out.printf("%s epoch %d: %.1f s, train score %.4f, test accuracy %.4f%n", arm, epoch, seconds,
                    net.score(), eval.accuracy());
        }
    }

    private static DataSet read(String images, String labels, int limit) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new FileInputStream(images)));
                DataInputStream lab = new DataInputStream(new GZIPInputStream(new FileInputStream(labels)))) {
            in.readInt();
            int n = Math.min(limit, in.readInt());
            int pixels = in.readInt() * in.readInt();
            lab.readInt();
            lab.readInt();
            byte[] buf = new byte[pixels];
            float[] x = new float[n * pixels];
            INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
            for (int i = 0; i < n; i++) {
                in.readFully(buf);
                for (int p = 0; p < pixels; p++) {
                    x[i * pixels + p] = (buf[p] & 0xff) / 255f;
                }
                y.putScalar(i, lab.readUnsignedByte(), 1.0);
            }
            return new DataSet(Nd4j.create(x, new long[] {n, pixels}, 'c'), y);
        }
    }
}
