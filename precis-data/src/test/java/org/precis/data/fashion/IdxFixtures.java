package org.precis.data.fashion;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes directories of gzipped IDX files cut from the shipped fixture, for tests of loading and caching (shared
 * with the integration tests through this module's test jar).
 */
public final class IdxFixtures {

    /** The four standard file names, images before labels, training before test. */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    private static final String RESOURCE_DIR = "/org/precis/data/fashion/fixture/";
    private static final int IMAGE_HEADER = 16;
    private static final int LABEL_HEADER = 8;

    private IdxFixtures() {
    }

    /** Copies the shipped fixture's four {@code .gz} files into {@code dir} (created if needed). */
    public static Path copyFixture(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String file : FILES) {
            try (InputStream in = IdxFixtures.class.getResourceAsStream(RESOURCE_DIR + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
        return dir;
    }

    /**
     * Writes the first {@code train} training and {@code test} test examples of the fixture into {@code dir} as
     * four {@code .gz} files whose headers state the new counts.
     */
    public static Path writeCut(Path dir, int train, int test) throws IOException {
        Files.createDirectories(dir);
        for (String file : FILES) {
            int count = file.startsWith("train") ? train : test;
            boolean images = file.contains("images");
            byte[] raw;
            try (InputStream in = new GZIPInputStream(IdxFixtures.class.getResourceAsStream(RESOURCE_DIR + file))) {
                raw = in.readAllBytes();
            }
            int header = images ? IMAGE_HEADER : LABEL_HEADER;
            int entry = images ? FashionMnist.IMAGE_PIXELS : 1;
            byte[] cut = Arrays.copyOf(raw, header + count * entry);
            ByteBuffer.wrap(cut).putInt(4, count);
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(file)))) {
                out.write(cut);
            }
        }
        return dir;
    }
}
