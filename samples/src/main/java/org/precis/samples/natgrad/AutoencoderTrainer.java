package org.precis.samples.natgrad;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.precis.data.ShuffledDataSetIterator;

/**
 * Trains an auto-encoder for a fixed number of iterations and measures its training reconstruction error on a
 * fixed set of training images at regular intervals. Only the time spent in {@code fit} counts as training time.
 */
final class AutoencoderTrainer {

    private static final int EVALUATION_BATCH = 1000;

    private final DataSet images;
    private final INDArray evaluationImages;
    private final int batchSize;
    private final int iterations;
    private final int evaluateEvery;

    /**
     * @param trainingImages training images (features only are used; not modified)
     * @param evaluationSize how many of the first training images measure the training error
     * @param batchSize      examples per iteration
     * @param iterations     iterations to train
     * @param evaluateEvery  iterations between two measurements
     */
    AutoencoderTrainer(INDArray trainingImages, int evaluationSize, int batchSize, int iterations, int evaluateEvery) {
        this.images = new DataSet(trainingImages, trainingImages);
        long n = Math.min(evaluationSize, trainingImages.rows());
        this.evaluationImages = trainingImages.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
        this.batchSize = batchSize;
        this.iterations = iterations;
        this.evaluateEvery = evaluateEvery;
    }

    /** Trains {@code net} and returns its curve; {@code progress} gets one line per measurement. */
    OptimizerCurve train(String name, MultiLayerNetwork net, long seed, PrintStream progress) {
        ShuffledDataSetIterator batches = new ShuffledDataSetIterator(images, batchSize, true, seed);
        List<CurvePoint> points = new ArrayList<>();
        points.add(new CurvePoint(0, 0, reconstructionError(net)));
        long trainingNanos = 0;
        for (int it = 1; it <= iterations; it++) {
            if (!batches.hasNext()) {
                batches.reset();
            }
            DataSet batch = batches.next();
            long start = System.nanoTime();
            net.fit(batch);
            trainingNanos += System.nanoTime() - start;
            if (it % evaluateEvery == 0 || it == iterations) {
                CurvePoint p = new CurvePoint(it, trainingNanos / 1e9, reconstructionError(net));
                points.add(p);
                progress.printf(Locale.ROOT, "%-13s iteration %6d/%d | %7.1f s | training error %.5f%n", name, it,
                        iterations, p.seconds(), p.trainingError());
            }
        }
        return new OptimizerCurve(name, net.getLayerWiseConfigurations().getConf(0).getLayer()
                .getUpdaterByParam("W").toString(), points);
    }

    /** Mean squared error per pixel of the network's reconstruction of the evaluation images. */
    double reconstructionError(MultiLayerNetwork net) {
        double sum = 0;
        long n = evaluationImages.rows();
        for (long from = 0; from < n; from += EVALUATION_BATCH) {
            INDArray x = evaluationImages.get(NDArrayIndex.interval(from, Math.min(n, from + EVALUATION_BATCH)),
                    NDArrayIndex.all());
            INDArray diff = net.output(x, false).subi(x);
            sum += diff.mul(diff).sumNumber().doubleValue();
        }
        double error = sum / (n * evaluationImages.columns());
        if (!Double.isFinite(error)) {
            throw new ArithmeticException("reconstruction error became " + error + ": training diverged");
        }
        return error;
    }
}
