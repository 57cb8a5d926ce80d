package org.precis.samples.natgrad;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.precis.data.ShuffledDataSetIterator;

/**
 * Trains auto-encoders for a fixed number of iterations and measures their training reconstruction error on a fixed
 * set of training images at regular intervals. Several networks train interleaved, one iteration each in turn, so
 * that a change in the machine's load affects all of them alike and their training times compare; each network
 * sees its own copy of the same batch sequence. Only the time spent in {@code fit} counts as training time.
 */
final class AutoencoderTrainer {

    private static final int EVALUATION_BATCH = 1000;

    private final DataSet images;
    private final INDArray evaluationImages;
    private final int batchSize;
    private final int iterations;
    private final int evaluateEvery;

    /** A network to train, under the name of its optimizer. */
    record Contender(String name, MultiLayerNetwork net) {
    }

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

    /**
     * Trains every contender, interleaved, and returns their curves in the same order; {@code progress} gets one
     * line per contender and measurement, and {@code measured} the curves so far after every measurement (so that a
     * run killed after hours keeps what it measured).
     */
    List<OptimizerCurve> train(List<Contender> contenders, long seed, PrintStream progress,
            Consumer<List<OptimizerCurve>> measured) {
        int k = contenders.size();
        List<ShuffledDataSetIterator> batches = new ArrayList<>(k);
        List<List<CurvePoint>> points = new ArrayList<>(k);
        long[] trainingNanos = new long[k];
        for (Contender c : contenders) {
            batches.add(new ShuffledDataSetIterator(images, batchSize, true, seed));
            List<CurvePoint> first = new ArrayList<>();
            first.add(new CurvePoint(0, 0, reconstructionError(c.net())));
            points.add(first);
        }
        for (int it = 1; it <= iterations; it++) {
            for (int i = 0; i < k; i++) {
                ShuffledDataSetIterator source = batches.get(i);
                if (!source.hasNext()) {
                    source.reset();
                }
                DataSet batch = source.next();
                long start = System.nanoTime();
                contenders.get(i).net().fit(batch);
                trainingNanos[i] += System.nanoTime() - start;
            }
            if (it % evaluateEvery == 0 || it == iterations) {
                for (int i = 0; i < k; i++) {
                    CurvePoint p = new CurvePoint(it, trainingNanos[i] / 1e9, reconstructionError(contenders.get(i).net()));
                    points.get(i).add(p);
                    progress.printf(Locale.ROOT, "%-13s iteration %6d/%d | %7.1f s | training error %.5f%n",
                            contenders.get(i).name(), it, iterations, p.seconds(), p.trainingError());
                }
                measured.accept(curves(contenders, points));
            }
        }
        return curves(contenders, points);
    }

    private static List<OptimizerCurve> curves(List<Contender> contenders, List<List<CurvePoint>> points) {
        List<OptimizerCurve> curves = new ArrayList<>(contenders.size());
        for (int i = 0; i < contenders.size(); i++) {
            MultiLayerNetwork net = contenders.get(i).net();
            curves.add(new OptimizerCurve(contenders.get(i).name(), net.getLayerWiseConfigurations().getConf(0)
                    .getLayer().getUpdaterByParam("W").toString(), points.get(i)));
        }
        return curves;
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
