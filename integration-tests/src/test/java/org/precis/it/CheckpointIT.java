package org.precis.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code compare} run killed (SIGKILL) after its first checkpoint continues from that checkpoint with
 * {@code --resume} and reports exactly the figures of an uninterrupted run, K-FAC included (its curvature is saved
 * in the checkpoint, not re-estimated). Bit-for-bit equality of the weights themselves is checked for every arm by
 * {@code RunCheckpointsTest} in the samples module.
 */
class CheckpointIT {

    private static final String[] RUN = {"compare", "--data", "fixture", "--train-limit", "400", "--batch", "100",
        "--epochs", "4", "--hidden", "16", "--arms", "kfac,pc-precision", "--checkpoint-every", "1"};

    private static String[] run(String... more) {
        return PrecisJar.args(RUN, more);
    }

    @Test
    void aRunKilledAfterACheckpointResumesFromItToTheUninterruptedFigures(@TempDir Path work) throws Exception {
        PrecisJar.Run reference = PrecisJar.run(work, run("--out", "reference"));
        assertThat(reference.exitCode()).as(reference.output()).isZero();

        Process process = PrecisJar.start(work, work.resolve("killed.log"), run("--out", "run"));
        Path checkpoints = work.resolve("run/checkpoints");
        while (process.isAlive() && !hasCheckpoint(checkpoints)) {
            Thread.sleep(50);
        }
        assertThat(process.isAlive()).as("killed while the first run was in progress").isTrue();
        process.destroyForcibly();
        process.waitFor();
        PrecisJar.Run resumed = PrecisJar.run(work, run("--resume", "run"));

        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.output()).contains("kfac         seed 1, label noise 0.00, input noise 0.00 (resumed after "
                + "epoch");
        assertThat(ResultsFiles.figures(work.resolve("run")))
                .isEqualTo(ResultsFiles.figures(work.resolve("reference")));
    }

    private static boolean hasCheckpoint(Path checkpoints) throws Exception {
        if (!Files.isDirectory(checkpoints)) {
            return false;
        }
        try (Stream<Path> files = Files.list(checkpoints)) {
            return files.anyMatch(p -> p.toString().endsWith(".zip"));
        }
    }
}
