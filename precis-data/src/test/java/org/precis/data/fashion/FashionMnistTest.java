package org.precis.data.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.precis.data.DataUnavailableException;
import org.precis.data.TrainTestData;

class FashionMnistTest {

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
        IdxFixtures.copyFixture(dir);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));

        assertThatThrownBy(() -> FashionMnist.load(dir, temp.resolve("cache")))
                .isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining(dir.resolve("t10k-labels-idx1-ubyte.gz").toString())
                .hasMessageContaining("apt-get install");
    }

    @Test
    void truncatedGzipFileIsReportedWithItsPath(@TempDir Path temp) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("data"));
        IdxFixtures.copyFixture(dir);
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
        IdxFixtures.copyFixture(dir);
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
        IdxFixtures.copyFixture(dir);

        TrainTestData fromDir = FashionMnist.load(dir, temp.resolve("cache"));
        TrainTestData again = FashionMnist.load(dir, temp.resolve("cache"));

        assertThat(fromDir.train().getFeatures()).isEqualTo(FashionMnist.fixture().train().getFeatures());
        assertThat(again.test().getLabels()).isEqualTo(fromDir.test().getLabels());
        assertThat(cachedCopies(temp.resolve("cache"), "train-images-idx3-ubyte")).hasSize(1);
    }

    @Test
    void aSecondDirectoryWithOtherImagesGetsItsOwnDataNotTheFirstOnesCachedCopy(@TempDir Path temp)
            throws IOException {
        Path cache = temp.resolve("cache");
        Path full = IdxFixtures.copyFixture(temp.resolve("full"));
        Path small = IdxFixtures.writeCut(temp.resolve("small"), 300, 100);

        TrainTestData first = FashionMnist.load(full, cache);
        TrainTestData second = FashionMnist.load(small, cache);

        assertThat(first.train().numExamples()).isEqualTo(FashionMnist.FIXTURE_TRAIN_SIZE);
        assertThat(second.train().numExamples()).isEqualTo(300);
        assertThat(second.test().numExamples()).isEqualTo(100);
        // The cut keeps the first images, so they agree row by row with the full fixture.
        assertThat(second.train().getFeatures()).isEqualTo(first.train().getFeatures().get(
                NDArrayIndex.interval(0, 300), NDArrayIndex.all()));
        assertThat(cachedCopies(cache, "train-images-idx3-ubyte")).hasSize(2);
    }

    @Test
    void restoringTheOriginalFileWithItsOldDateServesTheOriginalAgain(@TempDir Path temp) throws IOException {
        // cp -p and dpkg restore a file with its original (old) date; a date-based cache would keep the other copy.
        Path cache = temp.resolve("cache");
        Path dir = IdxFixtures.copyFixture(temp.resolve("data"));
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        Path original = Files.copy(images, temp.resolve("original.gz"));
        FileTime old = FileTime.from(Instant.parse("2017-08-25T00:00:00Z"));
        Files.setLastModifiedTime(images, old);
        FashionMnist.load(dir, cache);

        Path small = IdxFixtures.writeCut(temp.resolve("small"), 2000, 100);
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(
                small.resolve("train-images-idx3-ubyte.gz")))) {
            byte[] raw = in.readAllBytes();
            raw[IMAGE_BODY_OFFSET] = (byte) 0x7f;
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(images))) {
                out.write(raw);
            }
        }
        TrainTestData changed = FashionMnist.load(dir, cache);
        Files.copy(original, images, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(images, old);
        TrainTestData restored = FashionMnist.load(dir, cache);

        assertThat(changed.train().getFeatures().getDouble(0, 0)).isEqualTo(0x7f / 255.0, within(1e-6));
        assertThat(restored.train().getFeatures()).isEqualTo(FashionMnist.fixture().train().getFeatures());
    }

    @Test
    void aDamagedCachedCopyIsUnpackedAgainInsteadOfServed(@TempDir Path temp) throws IOException {
        Path cache = temp.resolve("cache");
        Path dir = IdxFixtures.copyFixture(temp.resolve("data"));
        FashionMnist.load(dir, cache);
        Path copy = cachedCopies(cache, "train-images-idx3-ubyte").get(0);
        byte[] bytes = Files.readAllBytes(copy);
        bytes[IMAGE_BODY_OFFSET] = (byte) (bytes[IMAGE_BODY_OFFSET] ^ 0x55);
        Files.write(copy, bytes);
        Files.setLastModifiedTime(copy, FileTime.from(Instant.now().plusSeconds(3600)));
        Path labels = cachedCopies(cache, "t10k-labels-idx1-ubyte").get(0);
        Files.write(labels, Arrays.copyOf(Files.readAllBytes(labels), 100));

        TrainTestData data = FashionMnist.load(dir, cache);

        assertThat(data.train().getFeatures()).isEqualTo(FashionMnist.fixture().train().getFeatures());
        assertThat(data.test().getLabels()).isEqualTo(FashionMnist.fixture().test().getLabels());
    }

    @Test
    void aFileThatIsNotGzipIsReportedWithItsPath(@TempDir Path temp) throws IOException {
        Path dir = IdxFixtures.copyFixture(temp.resolve("data"));
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        Files.writeString(labels, "this is not a gzip file at all");

        assertThatThrownBy(() -> FashionMnist.load(dir, temp.resolve("cache")))
                .isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("not a gzip file");
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

    /** Byte offset of the first pixel of an IDX image file. */
    private static final int IMAGE_BODY_OFFSET = 16;


    /** The cached copies of a cache root, by name. */
    private static List<Path> cachedCopies(Path cacheRoot, String stem) throws IOException {
        try (Stream<Path> files = Files.list(cacheRoot.resolve(FashionMnist.CACHE_SUBDIRECTORY))) {
            return files.filter(p -> p.getFileName().toString().startsWith(stem + ".")).sorted().toList();
        }
    }
}
