package org.precis.data.fashion;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.datasets.mnist.MnistImageFile;
import org.deeplearning4j.datasets.mnist.MnistLabelFile;
import org.deeplearning4j.datasets.mnist.MnistManager;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.data.DataUnavailableException;

/**
 * Reads a pair of unpacked IDX files (images, labels) into an in-memory {@link DataSet} with DL4J's
 * {@link MnistManager}, after checking what that reader does not: that the files are as long as their headers
 * say and that both hold the same number of entries.
 */
final class IdxImageLabelReader {

    private static final double PIXEL_MAX = 255.0;

    DataSet read(Path imagesFile, Path labelsFile, int numClasses) {
        int count = checkedCount(imagesFile, labelsFile);
        MnistManager manager;
        try {
            manager = new MnistManager(imagesFile.toString(), labelsFile.toString(), count);
        } catch (IOException | RuntimeException e) {
            throw new DataUnavailableException("Cannot read IDX files " + imagesFile + " and " + labelsFile + ": "
                    + e.getMessage(), e);
        }
        try {
            int pixels = manager.getImages().getEntryLength();
            float[] features = new float[count * pixels];
            float[] labels = new float[count * numClasses];
            for (int i = 0; i < count; i++) {
                byte[] image = manager.readImageUnsafe(i);
                for (int j = 0; j < pixels; j++) {
                    features[i * pixels + j] = (float) ((image[j] & 0xFF) / PIXEL_MAX);
                }
                int label = manager.readLabel(i);
                if (label < 0 || label >= numClasses) {
                    throw new DataUnavailableException("Label file " + labelsFile + " holds label " + label
                            + " at entry " + i + "; expected 0.." + (numClasses - 1));
                }
                labels[i * numClasses + label] = 1f;
            }
            INDArray x = Nd4j.create(features, new long[] {count, pixels}, DataType.FLOAT);
            INDArray y = Nd4j.create(labels, new long[] {count, numClasses}, DataType.FLOAT);
            return new DataSet(x, y);
        } finally {
            manager.close();
        }
    }

    /** The number of entries, after checking headers, lengths and that images and labels agree. */
    private static int checkedCount(Path imagesFile, Path labelsFile) {
        try (MnistImageFile images = new MnistImageFile(imagesFile.toString(), "r");
             MnistLabelFile labels = new MnistLabelFile(labelsFile.toString(), "r")) {
            checkLength(imagesFile, images.length(),
                    images.getHeaderSize() + (long) images.getCount() * images.getEntryLength());
            checkLength(labelsFile, labels.length(),
                    labels.getHeaderSize() + (long) labels.getCount() * labels.getEntryLength());
            if (images.getCount() != labels.getCount()) {
                throw new DataUnavailableException(imagesFile + " holds " + images.getCount() + " images but "
                        + labelsFile + " holds " + labels.getCount() + " labels");
            }
            return images.getCount();
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataUnavailableException) {
                throw (DataUnavailableException) e;
            }
            throw new DataUnavailableException("Cannot read IDX files " + imagesFile + " and " + labelsFile + ": "
                    + e.getMessage() + ". Reinstall them with '" + FashionMnist.INSTALL_COMMAND + "'.", e);
        }
    }

    private static void checkLength(Path file, long actual, long expected) {
        if (actual < expected) {
            throw new DataUnavailableException("IDX file " + file + " is truncated: " + actual + " bytes, its header "
                    + "promises " + expected + ". Reinstall it with '" + FashionMnist.INSTALL_COMMAND + "'.");
        }
    }
}
