package org.precis.data.fashion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.precis.data.DataUnavailableException;
import org.precis.data.TrainTestData;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017) read from local IDX files, never downloaded.
 *
 * <p>The standard source is Debian's {@code dataset-fashion-mnist} package, which installs the four gzipped IDX
 * files in {@value #DEBIAN_DIRECTORY}. The files are unpacked into a cache directory (see {@link #cacheRoot()})
 * under names keyed on their content (the CRC-32 and length in each gzip trailer), checked against that key on
 * every load, and read with DL4J's {@code MnistManager}: another directory, a re-installed package or a damaged
 * copy never serves stale data. Pixels are scaled to [0, 1] (divided by 255); labels are one-hot over the ten
 * {@link #CLASS_NAMES}.
 *
 * <p>{@link #fixture()} gives a small slice shipped in this jar (the first {@value #FIXTURE_TRAIN_SIZE} training
 * and first {@value #FIXTURE_TEST_SIZE} test images) for tests and quick demonstrations.
 */
public final class FashionMnist {

    /** Where Debian's {@code dataset-fashion-mnist} package puts the IDX files. */
    public static final String DEBIAN_DIRECTORY = "/usr/share/datasets/fashion-mnist";

    /** Environment variable that overrides {@value #DEBIAN_DIRECTORY} as the default data directory. */
    public static final String DATA_DIR_ENV = "PRECIS_FASHION_MNIST_DIR";

    /** Environment variable that sets the cache root (default {@code ~/.cache/precis}). */
    public static final String CACHE_DIR_ENV = "PRECIS_CACHE_DIR";

    /** The command that installs the data set on Debian and Ubuntu. */
    public static final String INSTALL_COMMAND = "sudo apt-get install -y dataset-fashion-mnist";

    /** Pixels per image (28 x 28). */
    public static final int IMAGE_PIXELS = 28 * 28;

    /** Class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Number of training images in the shipped fixture. */
    public static final int FIXTURE_TRAIN_SIZE = 2000;

    /** Number of test images in the shipped fixture. */
    public static final int FIXTURE_TEST_SIZE = 500;

    /** Subdirectory of the cache root that holds the unpacked IDX files. */
    public static final String CACHE_SUBDIRECTORY = "fashion-mnist";

    private static final String FIXTURE_RESOURCE_DIR = "/org/precis/data/fashion/fixture/";

    private FashionMnist() {
    }

    /**
     * The directory to read when the user names none: {@value #DATA_DIR_ENV} if set, else
     * {@value #DEBIAN_DIRECTORY}.
     */
    public static Path defaultDirectory() {
        String fromEnv = System.getenv(DATA_DIR_ENV);
        return Paths.get(fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEBIAN_DIRECTORY);
    }

    /**
     * The cache root: {@value #CACHE_DIR_ENV} if set, else {@code ~/.cache/precis}.
     */
    public static Path cacheRoot() {
        String fromEnv = System.getenv(CACHE_DIR_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Paths.get(fromEnv);
        }
        return Paths.get(System.getProperty("user.home"), ".cache", "precis");
    }

    /** Loads the full data set (60,000 training and 10,000 test images) from {@link #defaultDirectory()}. */
    public static TrainTestData load() {
        return load(defaultDirectory());
    }

    /**
     * Loads the data set from a directory holding the four standard gzipped IDX files
     * ({@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz},
     * {@code t10k-labels-idx1-ubyte.gz}).
     *
     * @param directory where the {@code .gz} files are
     * @throws DataUnavailableException naming the path and the install command when a file is missing or
     *                                  truncated
     */
    public static TrainTestData load(Path directory) {
        return load(directory, cacheRoot());
    }

    /**
     * Like {@link #load(Path)}, with an explicit cache root instead of {@link #cacheRoot()}.
     *
     * @param directory where the {@code .gz} files are
     * @param cacheRoot where unpacked copies are kept (in a {@value #CACHE_SUBDIRECTORY} subdirectory)
     */
    public static TrainTestData load(Path directory, Path cacheRoot) {
        if (!Files.isDirectory(directory)) {
            throw new DataUnavailableException("Fashion-MNIST directory " + directory + " does not exist. Install "
                    + "the data with '" + INSTALL_COMMAND + "' (it goes to " + DEBIAN_DIRECTORY + "), or point "
                    + "--data-dir or " + DATA_DIR_ENV + " at a directory holding the four IDX .gz files.");
        }
        IdxCache cache = new IdxCache(cacheRoot.resolve(CACHE_SUBDIRECTORY));
        return read(source -> {
            Path gz = directory.resolve(source);
            if (!Files.isRegularFile(gz)) {
                throw new DataUnavailableException("Fashion-MNIST file " + gz + " is missing. Install the data with '"
                        + INSTALL_COMMAND + "', or point --data-dir or " + DATA_DIR_ENV
                        + " at a directory holding the four IDX .gz files.");
            }
            return cache.unpack(gz);
        }, "Fashion-MNIST (" + directory + ")");
    }

    /** Loads the small slice shipped in this jar (2,000 training and 500 test images). */
    public static TrainTestData fixture() {
        IdxCache cache = new IdxCache(cacheRoot().resolve(CACHE_SUBDIRECTORY));
        return read(source -> {
            String resource = FIXTURE_RESOURCE_DIR + source;
            try (InputStream in = FashionMnist.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new DataUnavailableException("Fixture resource " + resource + " is not on the classpath");
                }
                return cache.unpack(in.readAllBytes(), source);
            } catch (IOException e) {
                throw new DataUnavailableException("Cannot read fixture resource " + resource + ": " + e, e);
            }
        }, "Fashion-MNIST fixture");
    }

    private static TrainTestData read(Unpacker unpacker, String name) {
        IdxImageLabelReader reader = new IdxImageLabelReader();
        return new TrainTestData(name,
                reader.read(unpacker.unpack("train-images-idx3-ubyte.gz"),
                        unpacker.unpack("train-labels-idx1-ubyte.gz"), CLASS_NAMES.size()),
                reader.read(unpacker.unpack("t10k-images-idx3-ubyte.gz"),
                        unpacker.unpack("t10k-labels-idx1-ubyte.gz"), CLASS_NAMES.size()),
                CLASS_NAMES.size());
    }

    /** Turns the name of a standard {@code .gz} file into the path of its unpacked copy. */
    @FunctionalInterface
    private interface Unpacker {
        Path unpack(String gzName);
    }
}
