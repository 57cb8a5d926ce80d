package org.precis.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precis.samples.experiment.NoiseSetting;

class NoiseCommandTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void settingsAreTheCleanRunThenEachNoisyLevelOfEachKind() {
        assertThat(NoiseCommand.settings(List.of(0.0, 0.5, 0.25), List.of(0.2, 0.0)))
                .containsExactly(NoiseSetting.CLEAN, new NoiseSetting(0, 0.25), new NoiseSetting(0, 0.5),
                        new NoiseSetting(0.2, 0));
    }

    @Test
    void aSweepOnTheFixtureWritesWellFormedResultsAndPlots(@TempDir Path out) throws IOException {
        int code = PrecisCli.commandLine().execute("noise", "--data", "fixture", "--train-limit", "600",
                "--epochs", "1", "--seeds", "1", "--arms", "bp-sgd,bp-adam", "--input-noise-levels", "0",
                "--label-noise-levels", "0,0.4", "--out", out.toString());

        assertThat(code).isZero();
        JsonNode root = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(root.get("subcommand").asText()).isEqualTo("noise");
        // Two settings (clean, p = 0.4) x two arms x one seed.
        assertThat(root.get("arms")).hasSize(4);
        assertThat(root.get("summary")).hasSize(4);
        assertThat(root.get("arms").get(2).get("labelNoise").asDouble()).isEqualTo(0.4);
        JsonNode verdicts = root.get("verdicts");
        assertThat(verdicts).hasSize(4);
        for (JsonNode v : verdicts) {
            // Neither pc-precision nor kfac ran, so no claim can be judged.
            assertThat(v.get("verdict").asText()).isEqualTo("not measured");
        }
        assertThat(out.resolve("input-noise.png")).exists();
        assertThat(out.resolve("label-noise.png")).exists();
        assertThat(out.resolve("summary.csv")).exists();
        assertThat(out.resolve("index.html")).content().contains("Verdicts");
    }
}
