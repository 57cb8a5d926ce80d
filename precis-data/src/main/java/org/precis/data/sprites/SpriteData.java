package org.precis.data.sprites;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Sprite images with the factor indices that generated them.
 *
 * @param grid     the grid the indices refer to
 * @param features [examples, imageSize^2] float images, row-major from the top-left pixel, values in [0, 1]
 * @param factors  [examples][5] factor indices, columns as in {@link SpriteGrid} (shape, scale, rotation, x, y)
 */
public record SpriteData(SpriteGrid grid, INDArray features, int[][] factors) {

    /** Checks that images and factors agree in number and shape. */
    public SpriteData {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(factors, "factors");
        if (features.rows() != factors.length || features.columns() != grid.pixels()) {
            throw new IllegalArgumentException("SpriteData: expected " + factors.length + " x " + grid.pixels()
                    + " features, got " + java.util.Arrays.toString(features.shape()));
        }
    }

    /** Number of images. */
    public int numExamples() {
        return factors.length;
    }

    /**
     * The images as an unsupervised DL4J data set: the labels are the images themselves (shared, not copied), as
     * auto-encoders and {@code pretrain} expect.
     */
    public DataSet toAutoencoderDataSet() {
        return new DataSet(features, features);
    }
}
