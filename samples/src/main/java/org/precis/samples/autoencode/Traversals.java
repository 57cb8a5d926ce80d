package org.precis.samples.autoencode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Latent traversals: the top-level code of a typical input (the mean test code) with one unit swept from
 * {@value #SPAN} standard deviations below its mean to as many above, decoded by the model. One row per unit,
 * for the units with the largest variance over the test set, which are the ones the model uses most.
 */
final class Traversals {

    /** Sweep half-width, in standard deviations of the unit over the test set. */
    static final double SPAN = 2.0;
    /** Images per traversal row. */
    static final int STEPS = 9;

    private Traversals() {
    }

    /**
     * Writes the traversal grid of a model.
     *
     * @param file     PNG file
     * @param model    a model whose top level {@link AutoencoderModel#reconstructsFrom reconstructs}
     * @param topCodes top-level test embeddings, [n, n_L] (not modified)
     * @param units    how many units to traverse (at most n_L)
     * @param side     image side in pixels
     */
    static void write(Path file, AutoencoderModel model, INDArray topCodes, int units, int side) throws IOException {
        INDArray codes = topCodes.castTo(DataType.DOUBLE);
        INDArray mean = codes.mean(0);
        INDArray std = codes.std(0);
        int top = model.levelSizes().length;
        List<Integer> byVariance = IntStream.range(0, (int) codes.columns()).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -std.getDouble(j))).toList();
        List<INDArray> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int j : byVariance.subList(0, Math.min(units, byVariance.size()))) {
            INDArray sweep = mean.reshape(1, codes.columns()).repeat(0, STEPS).dup();
            for (int s = 0; s < STEPS; s++) {
                double offset = SPAN * (2.0 * s / (STEPS - 1) - 1);
                sweep.putScalar(s, j, mean.getDouble(j) + offset * std.getDouble(j));
            }
            rows.add(model.reconstructFrom(sweep.castTo(topCodes.dataType()), top));
            labels.add(String.format(Locale.ROOT, "%s unit %d", model.name(), j));
        }
        ImageGrid.write(file, side, rows, labels);
    }
}
