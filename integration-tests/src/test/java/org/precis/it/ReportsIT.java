package org.precis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reports say what happened: readable values, one mean line per arm, one loss per axis, honest verdicts. */
class ReportsIT {

    @Test
    void aCompareReportPrintsValuesAsPeopleReadThemAndKeepsLossKindsApart(@TempDir Path work) throws Exception {
        PrecisJar.Run run = PrecisJar.run(work, "compare", "--data", "fixture", "--train-limit", "400", "--epochs",
                "2", "--hidden", "16,8", "--arms", "bp-sgd,pc-precision", "--seeds", "1,2", "--out", "run");

        assertThat(run.exitCode()).as(run.output()).isZero();
        String html = Files.readString(work.resolve("run/index.html"));
        assertThat(html).doesNotContain("[I@").doesNotContain("[D@").contains("<td>16, 8</td>")
                .contains("train-loss-cross-entropy.png").contains("train-loss-gaussian-output-energy.png");
        assertThat(work.resolve("run/train-loss-cross-entropy.png")).isNotEmptyFile();
        assertThat(work.resolve("run/train-loss-gaussian-output-energy.png")).isNotEmptyFile();
        JsonNode arms = ResultsFiles.read(work.resolve("run")).get("arms");
        assertThat(arms.get(0).get("trainingLoss").asText()).isEqualTo("cross-entropy");
        assertThat(arms.get(1).get("trainingLoss").asText()).isEqualTo("Gaussian output energy");
    }

    @Test
    void aOneSeedSweepDecidesNoClaimAndShowsNoZeroSpread(@TempDir Path work) throws Exception {
        PrecisJar.Run run = PrecisJar.run(work, "noise", "--data", "fixture", "--train-limit", "300", "--epochs", "1",
                "--hidden", "8", "--arms", "bp-sgd,pc-precision", "--seeds", "1", "--input-noise-levels", "0,1",
                "--label-noise-levels", "0,0.6", "--out", "run");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode root = ResultsFiles.read(work.resolve("run"));
        for (JsonNode verdict : root.get("verdicts")) {
            assertThat(verdict.get("verdict").asText()).isIn("undecided (one seed)", "not measured");
        }
        assertThat(root.get("summary").get(0).get("sdAccuracy").isNull()).isTrue();
        String html = Files.readString(work.resolve("run/index.html"));
        assertThat(html).doesNotContain("NoiseSetting[").doesNotContain("sd 0.0000").contains("undecided (one seed)")
                .contains("labelNoise 0.6, inputNoise 0.0");
        assertThat(run.output()).doesNotContain("sd 0.0000");
        assertThat(work.resolve("run/learned-precision.png")).isNotEmptyFile();
    }
}
