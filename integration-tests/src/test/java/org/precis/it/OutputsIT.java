package org.precis.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad output directory or a duplicate arm is refused before any data is read or any training time is spent,
 * with one line naming the option, and nothing already there is touched.
 */
class OutputsIT {

    private static final String[] TRAINING = {"compare", "--data", "fixture", "--epochs", "1", "--hidden", "8"};

    private static PrecisJar.Run compare(Path work, String... more) throws Exception {
        return PrecisJar.run(work, PrecisJar.args(TRAINING, more));
    }

    private static void assertRefusedBeforeTraining(PrecisJar.Run run, String option, String why) {
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("'" + option + "'").contains(why).doesNotContain("test accuracy")
                .doesNotContain("Fashion-MNIST fixture:");
        // One line for the error, one for the hint: not the whole usage.
        assertThat(run.lines()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void anExistingFileAsOutputIsRefusedAndLeftAlone(@TempDir Path work) throws Exception {
        Path file = Files.writeString(work.resolve("results.txt"), "earlier results");

        assertRefusedBeforeTraining(compare(work, "--out", file.toString()), "--out", "it is a file");
        assertThat(file).hasContent("earlier results");
    }

    @Test
    void anEmptyOutputNameIsRefusedInsteadOfWritingIntoTheCurrentDirectory(@TempDir Path work) throws Exception {
        assertRefusedBeforeTraining(compare(work, "--out", ""), "--out", "an empty name");
        try (var files = Files.list(work)) {
            assertThat(files.filter(p -> !p.getFileName().toString().endsWith(".log"))).isEmpty();
        }
    }

    @Test
    void anUnwritableOutputIsRefusedBeforeTraining(@TempDir Path work) throws Exception {
        Path notADirectory = Files.writeString(work.resolve("plain-file"), "x");

        assertRefusedBeforeTraining(compare(work, "--out", notADirectory.resolve("run").toString()), "--out",
                "cannot create or write it");
    }

    @Test
    void aDirectoryHoldingEarlierResultsIsRefusedAndPointsToResume(@TempDir Path work) throws Exception {
        Path earlier = Files.createDirectories(work.resolve("earlier"));
        Files.writeString(earlier.resolve("results.json"), "{}");

        PrecisJar.Run run = compare(work, "--out", earlier.toString());

        assertRefusedBeforeTraining(run, "--out", "already holds files");
        assertThat(run.output()).contains("--resume");
        assertThat(earlier.resolve("results.json")).hasContent("{}");
    }

    @Test
    void aDuplicateArmIsRefusedBeforeTrainingInsteadOfCrashingInThePlots(@TempDir Path work) throws Exception {
        assertRefusedBeforeTraining(compare(work, "--arms", "bp-sgd,bp-sgd", "--out", "run"), "--arms",
                "'bp-sgd' is named twice");
        assertThat(work.resolve("run")).doesNotExist();
    }
}
