package org.precis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code precis-samples.jar} in its own JVM, exactly as the README tells users to: the thin jar with its
 * {@code lib/} directory, {@code java -jar}, exit statuses 0 / 1 / 2 as documented.
 */
class SamplesJarIT {

    private static PrecisJar.Run runJar(Path workDir, String... args) throws Exception {
        return PrecisJar.run(workDir, args);
    }

    @Test
    void compareOnTheFixtureExitsZeroAndWritesItsReport(@TempDir Path dir) throws Exception {
        PrecisJar.Run run = runJar(dir, "compare", "--data", "fixture", "--epochs", "1", "--arms", "bp-adam,pc",
                "--train-limit", "500", "--out", "run");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode root = new ObjectMapper().readTree(dir.resolve("run/results.json").toFile());
        assertThat(root.get("arms")).hasSize(2);
        assertThat(root.get("machine").get("OMP_NUM_THREADS").asText()).isEqualTo("1");
        assertThat(Files.list(dir.resolve("run")).map(p -> p.getFileName().toString()))
                .contains("results.json", "per-epoch.csv", "test-accuracy.png", "train-loss-cross-entropy.png",
                        "index.html");
        assertThat(run.output()).contains("test accuracy");
    }

    @Test
    void missingDataExitsOneNamingThePathAndTheInstallCommand(@TempDir Path dir) throws Exception {
        PrecisJar.Run run = runJar(dir, "compare", "--data-dir", dir.resolve("absent").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains(dir.resolve("absent").toString()).contains("apt-get install");
    }

    @Test
    void aBadOptionExitsTwoNamingTheOption(@TempDir Path dir) throws Exception {
        PrecisJar.Run run = runJar(dir, "compare", "--data", "fixture", "--batch", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("--batch");
    }
}
