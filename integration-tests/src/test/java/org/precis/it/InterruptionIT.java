package org.precis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what Ctrl-C and {@code kill} send) during a {@code noise} sweep loses nothing finished: the finished
 * runs are in {@code results.json}, the note says how to continue, and {@code --resume} ends with the results of an
 * uninterrupted sweep.
 */
class InterruptionIT {

    static final String[] SWEEP = {"noise", "--data", "fixture", "--train-limit", "400", "--batch", "100",
        "--epochs", "3", "--hidden", "16", "--arms", "bp-sgd,pc-precision", "--seeds", "1",
        "--input-noise-levels", "0,0.5", "--label-noise-levels", "0,0.4"};

    static String[] sweep(String... more) {
        return PrecisJar.args(SWEEP, more);
    }

    @Test
    void sigtermKeepsTheFinishedRunsAndResumeEndsWithTheUninterruptedResults(@TempDir Path work) throws Exception {
        PrecisJar.Run reference = PrecisJar.run(work, sweep("--out", "reference"));
        assertThat(reference.exitCode()).as(reference.output()).isZero();

        Path log = work.resolve("interrupted.log");
        Process process = PrecisJar.start(work, log, sweep("--out", "run"));
        Path results = work.resolve("run/results.json");
        while (!finishedRuns(results, 2) && process.isAlive()) {
            Thread.sleep(100);
        }
        assertThat(process.isAlive()).as("still training when interrupted").isTrue();
        process.destroy();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();

        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isEqualTo(128 + 15);
        assertThat(output).contains("precis: interrupted.").contains("saved in " + results)
                .contains("--resume run");
        assertThat(ResultsFiles.read(work.resolve("run")).get("runsFinished").asInt()).isGreaterThanOrEqualTo(2);

        PrecisJar.Run resumed = PrecisJar.run(work, sweep("--resume", "run"));
        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.output()).contains("Resuming:").contains("runs already finished");
        JsonNode figures = ResultsFiles.figures(work.resolve("run"));
        assertThat(figures.get("complete").asBoolean()).isTrue();
        assertThat(figures).isEqualTo(ResultsFiles.figures(work.resolve("reference")));
        assertThat(work.resolve("run/checkpoints")).doesNotExist();
    }

    @Test
    void resumingWithDifferentOptionsIsRefusedNamingThem(@TempDir Path work) throws Exception {
        assertThat(PrecisJar.run(work, "compare", "--data", "fixture", "--train-limit", "200", "--epochs", "1",
                "--hidden", "8", "--arms", "bp-sgd", "--out", "run").exitCode()).isZero();

        PrecisJar.Run other = PrecisJar.run(work, "compare", "--data", "fixture", "--train-limit", "200", "--epochs",
                "2", "--hidden", "8", "--arms", "bp-sgd", "--resume", "run");

        assertThat(other.exitCode()).as(other.output()).isEqualTo(2);
        assertThat(other.output()).contains("'--resume'").contains("epochs: 2 here, 1 in the run");
    }

    static boolean finishedRuns(Path results, int atLeast) {
        try {
            return ResultsFiles.read(results.getParent()).get("runsFinished").asInt() >= atLeast;
        } catch (Exception notYetWritten) {
            return false;
        }
    }
}
