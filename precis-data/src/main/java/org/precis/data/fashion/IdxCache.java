package org.precis.data.fashion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import org.precis.data.DataUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks gzipped IDX files once into a cache directory, under their standard names without {@code .gz}.
 *
 * <p>An unpacked copy is reused while it is newer than its source. Unpacking writes a temporary file and
 * renames it, so an interrupted run never leaves a truncated copy behind.
 */
final class IdxCache {

    private static final Logger log = LoggerFactory.getLogger(IdxCache.class);

    private final Path directory;

    IdxCache(Path directory) {
        this.directory = directory;
    }

    /** Unpacks a {@code .gz} file unless an up-to-date copy exists; returns the copy. */
    Path unpack(Path gz) {
        Path target = directory.resolve(stripGz(gz.getFileName().toString()));
        try {
            if (Files.isRegularFile(target)
                    && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(gz)) >= 0) {
                return target;
            }
            try (InputStream in = Files.newInputStream(gz)) {
                log.info("Unpacking {} into {}", gz, directory);
                return write(in, target, gz.toString());
            }
        } catch (IOException e) {
            throw new DataUnavailableException("Cannot read " + gz + " (" + e.getMessage() + "): the file is "
                    + "damaged or truncated. Reinstall it with '" + FashionMnist.INSTALL_COMMAND + "'.", e);
        }
    }

    /** Unpacks a gzipped stream (a classpath resource) unless a copy of that name exists; returns the copy. */
    Path unpack(InputStream gzStream, String gzName) throws IOException {
        Path target = directory.resolve(stripGz(gzName));
        if (Files.isRegularFile(target)) {
            return target;
        }
        return write(gzStream, target, gzName);
    }

    private Path write(InputStream gzStream, Path target, String sourceName) throws IOException {
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, target.getFileName().toString(), ".part");
        try (InputStream in = new GZIPInputStream(gzStream)) {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String stripGz(String name) {
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }
}
