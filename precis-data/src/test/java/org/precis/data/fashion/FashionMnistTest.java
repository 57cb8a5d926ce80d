package org.precis.data.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.precis.data.DataUnavailableException;
import org.precis.data.TrainTestData;

class FashionMnistTest {

    private static final String[] FILES = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};

    @Test
    void fixtureHasTheStatedSizesAndPixelsScaledToTheUnitInterval() {
        TrainTestData data = FashionMnist.fixture();

        assertThat(data.train().getFeatures().shape()).containsExactly(FashionMnist.FIXTURE_TRAIN_SIZE, 784);
        assertThat(data.test().getFeatures().shape()).containsExactly(FashionMnist.FIXTURE_TEST_SIZE, 784);
        assertThat(data.train().getLabels().shape()).containsExactly(FashionMnist.FIXTURE_TRAIN_SIZE, 10);
        for (INDArray x : new INDArray[] {data.train().getFeatures(), data.test().getFeatures()}) {
            assertThat(x.minNumber().doubleValue()).isEqualTo(0.0);
            assertThat(x.maxNumber().doubleValue()).isEqualTo(1.0);
        }
    }

    @Test
    void firstTrainingImageIsAnAnkleBootAsInThePublishedDataSet() {
        // Fashion-MNIST's documented first training label is 9 ("Ankle boot").
        TrainTestData data = FashionMnist.fixture();

        int first = data.train().getLabels().getRow(0).argMax().getInt(0);
        assertThat(first).isEqualTo(9);
        assertThat(FashionMnist.CLASS_NAMES.get(first)).isEqualTo("Ankle boot");
    }

    @Test
    void labelsAreOneHotAndEveryClassOccurs() {
        TrainTestData data = FashionMnist.fixture();
        INDArray labels = data.train().getLabels();

        assertThat(labels.sum(1).minNumber().doubleValue()).isEqualTo(1.0);
        assertThat(labels.sum(1).maxNumber().doubleValue()).isEqualTo(1.0);
        // Fashion-MNIST is balanced: in 2,000 images each class appears far more than 100 times.
        assertThat(labels.sum(0).minNumber().doubleValue()).isGreaterThan(100);
    }

    @Test
    void missingDirectoryNamesThePathAndTheInstallCommand(@TempDir Path temp) {
        Path missing = temp.resolve("no-such-dir");

        assertThatThrownBy(() -> FashionMnist.load(missing, temp))
                .isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("apt-get install -y dataset-fashion-mnist");
    }

    @Test
    void missingFileNamesThatFile(@TempDir Path temp) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("data"));
        copyFixture(dir);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));

        assertThatThrownBy(() -> FashionMnist.load(dir, temp.resolve("cache")))
                .isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining(dir.resolve("t10k-labels-idx1-ubyte.gz").toString())
                .hasMessageContaining("apt-get install");
    }

    @Test
    void truncatedGzipFileIsReportedWithItsPath(@TempDir Path temp) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("data"));
        copyFixture(dir);
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> FashionMnist.load(dir, temp.resolve("cache")))
                .isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining(images.toString());
    }

    @Test
    void idxBodyShorterThanItsHeaderSaysIsReportedAsTruncated(@TempDir Path temp) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("data"));
        copyFixture(dir);
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        byte[] raw;
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(images))) {
            raw = in.readAllBytes();
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(images))) {
            out.write(raw, 0, raw.length - 784);
        }

        assertThatThrownBy(() -> FashionMnist.load(dir, temp.resolve("cache")))
                .isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining("truncated")
                .hasMessageContaining("t10k-images-idx3-ubyte");
    }

    @Test
    void loadingFromADirectoryReadsTheSameDataAsTheFixture(@TempDir Path temp) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("data"));
        copyFixture(dir);

        TrainTestData fromDir = FashionMnist.load(dir, temp.resolve("cache"));
        TrainTestData again = FashionMnist.load(dir, temp.resolve("cache"));

        assertThat(fromDir.train().getFeatures()).isEqualTo(FashionMnist.fixture().train().getFeatures());
        assertThat(again.test().getLabels()).isEqualTo(fromDir.test().getLabels());
        assertThat(temp.resolve("cache/fashion-mnist/train-images-idx3-ubyte")).exists();
    }

    @Test
    @Tag("slow")
    void fullDebianDataSetHasSixtyThousandTrainingAndTenThousandTestImages(@TempDir Path temp) {
        TrainTestData data = FashionMnist.load(FashionMnist.defaultDirectory(), temp);

        assertThat(data.train().numExamples()).isEqualTo(60_000);
        assertThat(data.test().numExamples()).isEqualTo(10_000);
        assertThat(data.train().getLabels().getRow(0).argMax().getInt(0)).isEqualTo(9);
        // Each class has exactly 6,000 training images.
        assertThat(data.train().getLabels().sum(0).minNumber().intValue()).isEqualTo(6_000);
    }

    private static void copyFixture(Path dir) throws IOException {
        for (String file : FILES) {
            try (InputStream in = FashionMnist.class.getResourceAsStream("/org/precis/data/fashion/fixture/" + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
    }
}
