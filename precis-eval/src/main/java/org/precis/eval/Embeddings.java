package org.precis.eval;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Embeddings and reconstructions of a whole data set by a {@link LevelledModel}, computed in chunks to bound memory. */
public final class Embeddings {

    /** Rows per chunk: PC inference holds several arrays of this many rows per level. */
    public static final int CHUNK = 1000;

    private Embeddings() {
    }

    /**
     * Every level's embedding of every row of {@code x}.
     *
     * @return index l - 1 holds level l, [rows, size of level l]
     */
    public static INDArray[] embed(LevelledModel model, INDArray x) {
        int levels = model.levelSizes().length;
        List<List<INDArray>> parts = new ArrayList<>();
        for (int l = 0; l < levels; l++) {
            parts.add(new ArrayList<>());
        }
        for (long start = 0; start < x.rows(); start += CHUNK) {
            INDArray chunk = x.get(NDArrayIndex.interval(start, Math.min(x.rows(), start + CHUNK)), NDArrayIndex.all());
            INDArray[] e = model.embed(chunk);
            for (int l = 0; l < levels; l++) {
                parts.get(l).add(e[l]);
            }
        }
        INDArray[] out = new INDArray[levels];
        for (int l = 0; l < levels; l++) {
            out[l] = Nd4j.vstack(parts.get(l).toArray(new INDArray[0]));
        }
        return out;
    }

    /**
     * Mean squared error per pixel of the model's reconstruction of {@code x} from its embedding at {@code level}.
     *
     * @param embedding the embedding of {@code x} at {@code level} (not modified)
     * @param x         the data (not modified)
     */
    public static double reconstructionMse(LevelledModel model, INDArray embedding, int level, INDArray x) {
        double sum = 0;
        for (long start = 0; start < x.rows(); start += CHUNK) {
            long end = Math.min(x.rows(), start + CHUNK);
            INDArray target = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            INDArray code = embedding.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            INDArray reconstruction = model.reconstructFrom(code, level);
            sum += Transforms.pow(reconstruction.castTo(target.dataType()).sub(target), 2, false).sumNumber()
                    .doubleValue();
        }
        return sum / ((double) x.rows() * x.columns());
    }
}
