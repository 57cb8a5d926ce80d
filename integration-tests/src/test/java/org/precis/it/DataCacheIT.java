package org.precis.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precis.data.fashion.IdxFixtures;

/**
 * The data cache serves the data of the directory named, whatever was cached before: keyed on each file's content,
 * checked on every load.
 */
class DataCacheIT {

    /** An old date, as {@code cp -p} and {@code dpkg} give restored files. */
    private static final FileTime OLD = FileTime.from(Instant.parse("2017-08-25T00:00:00Z"));

    private static PrecisJar.Run compare(Path work, Path cache, Path dataDir, String out) throws Exception {
        return PrecisJar.run(work, Map.of("PRECIS_CACHE_DIR", cache.toString()), "compare", "--data-dir",
                dataDir.toString(), "--epochs", "1", "--hidden", "8", "--arms", "bp-sgd", "--out", out);
    }

    private static int trainExamples(Path run) throws IOException {
        return ResultsFiles.read(run).get("configuration").get("trainExamples").asInt();
    }

    @Test
    void aSecondDataDirectoryTrainsOnItsOwnImagesNotOnTheFirstOnesCachedCopy(@TempDir Path work) throws Exception {
        Path cache = work.resolve("cache");
        Path full = IdxFixtures.copyFixture(work.resolve("full"));
        Path small = IdxFixtures.writeCut(work.resolve("small"), 300, 100);

        PrecisJar.Run first = compare(work, cache, full, "first");
        PrecisJar.Run second = compare(work, cache, small, "second");

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(trainExamples(work.resolve("first"))).isEqualTo(2000);
        assertThat(trainExamples(work.resolve("second"))).isEqualTo(300);
        assertThat(ResultsFiles.read(work.resolve("second")).get("configuration").get("testExamples").asInt())
                .isEqualTo(100);
    }

    @Test
    void filesRestoredWithTheirOldDatesAreServedAgainNotTheCopiesOfTheFilesTheyReplaced(@TempDir Path work)
            throws Exception {
        Path cache = work.resolve("cache");
        Path data = IdxFixtures.copyFixture(work.resolve("data"));
        Path originals = IdxFixtures.copyFixture(work.resolve("originals"));
        Path small = IdxFixtures.writeCut(work.resolve("small"), 300, 100);
        setDates(data, OLD);
        assertThat(compare(work, cache, data, "original").exitCode()).isZero();

        copyAll(small, data);
        assertThat(compare(work, cache, data, "replaced").exitCode()).isZero();
        copyAll(originals, data);
        setDates(data, OLD);
        PrecisJar.Run restored = compare(work, cache, data, "restored");

        assertThat(restored.exitCode()).as(restored.output()).isZero();
        assertThat(trainExamples(work.resolve("replaced"))).isEqualTo(300);
        assertThat(trainExamples(work.resolve("restored"))).isEqualTo(2000);
        assertThat(ResultsFiles.figures(work.resolve("restored")).get("arms"))
                .isEqualTo(ResultsFiles.figures(work.resolve("original")).get("arms"));
    }

    @Test
    void aDamagedCachedCopyIsUnpackedAgainAndTheRunIsTheSame(@TempDir Path work) throws Exception {
        Path cache = work.resolve("cache");
        Path data = IdxFixtures.copyFixture(work.resolve("data"));
        assertThat(compare(work, cache, data, "before").exitCode()).isZero();
        try (Stream<Path> copies = Files.list(cache.resolve("fashion-mnist"))) {
            for (Path copy : copies.toList()) {
                byte[] bytes = Files.readAllBytes(copy);
                bytes[bytes.length / 2] ^= 0x5a;
                Files.write(copy, bytes);
            }
        }

        PrecisJar.Run after = compare(work, cache, data, "after");

        assertThat(after.exitCode()).as(after.output()).isZero();
        assertThat(after.output()).contains("does not match").contains("unpacking it again");
        assertThat(ResultsFiles.figures(work.resolve("after")).get("arms"))
                .isEqualTo(ResultsFiles.figures(work.resolve("before")).get("arms"));
    }

    private static void copyAll(Path from, Path to) throws IOException {
        for (String file : IdxFixtures.FILES) {
            Files.copy(from.resolve(file), to.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void setDates(Path dir, FileTime time) throws IOException {
        for (String file : List.copyOf(IdxFixtures.FILES)) {
            Files.setLastModifiedTime(dir.resolve(file), time);
        }
    }
}
