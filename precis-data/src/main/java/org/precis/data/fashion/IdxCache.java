package org.precis.data.fashion;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.GZIPInputStream;
import org.precis.data.DataUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks gzipped IDX files into a cache directory, keyed on what they hold, and checks every cached copy before
 * it is used.
 *
 * <p>A gzip file ends with the CRC-32 and the length (modulo 2<sup>32</sup>) of its uncompressed content. The
 * unpacked copy of {@code train-images-idx3-ubyte.gz} is stored as {@code train-images-idx3-ubyte.<crc>-<length>},
 * so two sources with different content (another {@code --data-dir}, a re-installed package, a fixture of another
 * size) never share a copy, whatever their paths or dates; sources with the same content share one. Each use reads
 * the copy once more and compares its length and CRC-32 with the source's trailer: a damaged or truncated copy is
 * unpacked again, never served. Unpacking writes a temporary file and renames it into place, so an interrupted run
 * leaves no partial copy under the final name.
 *
 * <p>Only single-member gzip files (what {@code gzip} writes, and what Debian ships) can be checked this way; a
 * file of several concatenated members is refused with a message saying how to recompress it.
 */
final class IdxCache {

    private static final Logger log = LoggerFactory.getLogger(IdxCache.class);

    /** Header (10 bytes) plus trailer (8 bytes): the shortest possible gzip file. */
    private static final int MIN_GZIP_LENGTH = 18;
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int COPY_BUFFER_BYTES = 1 << 16;

    private final Path directory;

    /** @param directory where unpacked copies are kept (created on first write) */
    IdxCache(Path directory) {
        this.directory = directory;
    }

    /** What a gzip file's trailer says its content is: CRC-32 and length modulo 2^32. */
    record Content(long crc32, long lengthMod32) {

        /** The suffix of the cached copy's name. */
        String key() {
            return String.format(Locale.ROOT, "%08x-%d", crc32, lengthMod32);
        }
    }

    /** Opens the compressed bytes of a source, once per read. */
    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }

    /**
     * The checked, unpacked copy of a {@code .gz} file.
     *
     * @throws DataUnavailableException naming the file when it is not a readable single-member gzip file
     */
    Path unpack(Path gz) {
        try {
            return unpack(gz.toString(), gz.getFileName().toString(), trailer(gz), () -> Files.newInputStream(gz));
        } catch (IOException e) {
            throw new DataUnavailableException("Cannot read " + gz + " (" + e.getMessage() + "): the file is "
                    + "damaged or truncated. Reinstall it with '" + FashionMnist.INSTALL_COMMAND + "'.", e);
        }
    }

    /**
     * The checked, unpacked copy of gzipped bytes held in memory (a classpath resource).
     *
     * @param gzBytes the whole {@code .gz} file; not modified
     * @param gzName  its file name, e.g. {@code train-images-idx3-ubyte.gz}
     */
    Path unpack(byte[] gzBytes, String gzName) throws IOException {
        return unpack(gzName, gzName, trailer(gzName, gzBytes, gzBytes.length),
                () -> new ByteArrayInputStream(gzBytes));
    }

    private Path unpack(String sourceName, String gzName, Content content, Opener opener) throws IOException {
        Path target = directory.resolve(stripGz(gzName) + "." + content.key());
        if (Files.isRegularFile(target)) {
            if (content.equals(contentOf(target))) {
                return target;
            }
            log.warn("Cached copy {} does not match {} (damaged or truncated); unpacking it again", target,
                    sourceName);
        }
        log.info("Unpacking {} into {}", sourceName, directory);
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, target.getFileName().toString(), ".part");
        try {
            CRC32 crc = new CRC32();
            long length;
            try (InputStream in = new GZIPInputStream(opener.open(), COPY_BUFFER_BYTES);
                 OutputStream out = new CheckedOutputStream(Files.newOutputStream(temp), crc)) {
                length = in.transferTo(out);
            }
            Content unpacked = new Content(crc.getValue(), length & 0xffffffffL);
            if (!unpacked.equals(content)) {
                throw new DataUnavailableException(sourceName + " holds several gzip members (its trailer describes "
                        + "only the last one), so its unpacked copy cannot be checked. Recompress it as one: "
                        + "'gunzip -c " + gzName + " | gzip > new.gz'.");
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The CRC-32 and length of a file's bytes, as a gzip trailer would state them. */
    static Content contentOf(Path file) throws IOException {
        CRC32 crc = new CRC32();
        long length = 0;
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
                length += n;
            }
        }
        return new Content(crc.getValue(), length & 0xffffffffL);
    }

    /** Reads the gzip header's magic bytes and the trailer of a file. */
    private static Content trailer(Path gz) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(gz)) {
            long size = channel.size();
            ByteBuffer head = ByteBuffer.allocate(2);
            ByteBuffer tail = ByteBuffer.allocate(8);
            if (size >= MIN_GZIP_LENGTH) {
                channel.read(head);
                channel.position(size - tail.capacity());
                channel.read(tail);
            }
            byte[] bytes = new byte[MIN_GZIP_LENGTH];
            System.arraycopy(head.array(), 0, bytes, 0, 2);
            System.arraycopy(tail.array(), 0, bytes, MIN_GZIP_LENGTH - 8, 8);
            return trailer(gz.toString(), bytes, size);
        }
    }

    /**
     * @param bytes the first two bytes of the file at index 0 and 1, its last eight at the end
     * @param size  the file's length
     */
    private static Content trailer(String name, byte[] bytes, long size) {
        if (size < MIN_GZIP_LENGTH || (bytes[0] & 0xff) != GZIP_MAGIC_1 || (bytes[1] & 0xff) != GZIP_MAGIC_2) {
            throw new DataUnavailableException(name + " is not a gzip file (" + size + " bytes"
                    + (size < MIN_GZIP_LENGTH ? ", too short" : ", wrong magic number") + "). Reinstall it with '"
                    + FashionMnist.INSTALL_COMMAND + "'.");
        }
        ByteBuffer tail = ByteBuffer.wrap(bytes, bytes.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
        return new Content(tail.getInt() & 0xffffffffL, tail.getInt() & 0xffffffffL);
    }

    private static String stripGz(String name) {
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }
}
