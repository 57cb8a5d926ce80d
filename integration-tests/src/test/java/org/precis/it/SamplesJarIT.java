package org.precis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code precis-samples.jar} in its own JVM, exactly as the README tells users to: the thin jar with its
 * {@code lib/} directory, {@code java -jar}, exit statuses 0 / 1 / 2 as documented.
 */
class SamplesJarIT {

    private static final long TIMEOUT_MINUTES = 5;

    /** Exit status and combined output of one run. */
    private record Run(int exitCode, String output) {
    }

    private static Run runJar(Path workDir, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("precis.samples.jar"));
        assertThat(jar).as("mvn package builds the runnable jar").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx2g", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process process = pb.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Test
    void compareOnTheFixtureExitsZeroAndWritesItsReport(@TempDir Path dir) throws Exception {
        Run run = runJar(dir, "compare", "--data", "fixture", "--epochs", "1", "--arms", "bp-adam,pc",
                "--train-limit", "500", "--out", "run");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode root = new ObjectMapper().readTree(dir.resolve("run/results.json").toFile());
        assertThat(root.get("arms")).hasSize(2);
        assertThat(root.get("machine").get("OMP_NUM_THREADS").asText()).isEqualTo("1");
        assertThat(Files.list(dir.resolve("run")).map(p -> p.getFileName().toString()))
                .contains("results.json", "per-epoch.csv", "test-accuracy.png", "train-loss-cross-entropy.png", "index.html");
        assertThat(run.output()).contains("test accuracy");
    }

    @Test
    void missingDataExitsOneNamingThePathAndTheInstallCommand(@TempDir Path dir) throws Exception {
        Run run = runJar(dir, "compare", "--data-dir", dir.resolve("absent").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains(dir.resolve("absent").toString()).contains("apt-get install");
    }

    @Test
    void aBadOptionExitsTwoNamingTheOption(@TempDir Path dir) throws Exception {
        Run run = runJar(dir, "compare", "--data", "fixture", "--batch", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("--batch");
    }
}
