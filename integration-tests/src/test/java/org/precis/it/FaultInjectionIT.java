package org.precis.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code noise} sweep killed with SIGKILL (no shutdown hook, no cleanup) at random moments, again and again, then
 * resumed, ends with the {@code results.json} of an uninterrupted sweep: every file it leaves is whole, whatever the
 * moment of the kill, and a resumed run continues from its checkpoint. The K-FAC arm is in it, so the saved
 * curvature is exercised too.
 */
class FaultInjectionIT {

    private static final int KILLS = 4;
    /** Seed of the kill times, printed so that a failure can be replayed. */
    private static final long KILL_SEED = 20_251_129L;

    private static final String[] SWEEP = {"noise", "--data", "fixture", "--train-limit", "400", "--batch", "100",
        "--epochs", "3", "--hidden", "16", "--arms", "bp-sgd,kfac,pc-precision", "--seeds", "1",
        "--input-noise-levels", "0,0.5", "--label-noise-levels", "0,0.4"};

    private static String[] sweep(String... more) {
        return PrecisJar.args(SWEEP, more);
    }

    @Test
    void aSweepKilledAtRandomMomentsAndResumedEndsWithTheUninterruptedResults(@TempDir Path work) throws Exception {
        long start = System.nanoTime();
        PrecisJar.Run reference = PrecisJar.run(work, sweep("--out", "reference"));
        assertThat(reference.exitCode()).as(reference.output()).isZero();
        double referenceSeconds = (System.nanoTime() - start) / 1e9;

        Random random = new Random(KILL_SEED);
        Path run = work.resolve("run");
        List<String> killedAt = new ArrayList<>();
        for (int attempt = 0; attempt < KILLS; attempt++) {
            // Anywhere from JVM start-up to the end of a whole sweep: before, during and after writes.
            long delayMillis = (long) (1000 * referenceSeconds * random.nextDouble());
            Process process = PrecisJar.start(work, work.resolve("attempt" + attempt + ".log"),
                    sweep(attempt == 0 ? "--out" : "--resume", "run"));
            boolean ended = process.waitFor(delayMillis, TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly();
                process.waitFor();
            }
            killedAt.add(delayMillis + " ms" + (ended ? " (ended first)" : ""));
            assertEverythingLeftIsWhole(run);
        }

        PrecisJar.Run resumed = PrecisJar.run(work, sweep("--resume", "run"));

        assertThat(resumed.exitCode()).as(resumed.output() + " after kills at " + killedAt).isZero();
        assertThat(ResultsFiles.figures(run)).as("killed at " + killedAt)
                .isEqualTo(ResultsFiles.figures(work.resolve("reference")));
        try (Stream<Path> left = Files.walk(run)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.endsWith(".part") || name.startsWith(".precis-write-check"));
        }
    }

    /** results.json parses, and every checkpoint is a complete zip of its three entries. */
    private static void assertEverythingLeftIsWhole(Path run) throws Exception {
        if (Files.exists(run.resolve("results.json"))) {
            assertThat(ResultsFiles.read(run).get("configuration")).isNotNull();
        }
        Path checkpoints = run.resolve("checkpoints");
        if (Files.isDirectory(checkpoints)) {
            try (Stream<Path> files = Files.list(checkpoints)) {
                for (Path zip : files.filter(p -> p.toString().endsWith(".zip")).toList()) {
                    try (ZipFile file = new ZipFile(zip.toFile())) {
                        assertThat(file.getEntry("model.zip")).as(zip.toString()).isNotNull();
                        assertThat(file.getEntry("progress.json")).as(zip.toString()).isNotNull();
                    }
                }
            }
        }
    }
}
