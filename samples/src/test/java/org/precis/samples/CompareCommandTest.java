package org.precis.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompareCommandTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** Exit code and error output of one invocation. */
    private record Outcome(int exitCode, String err) {
    }

    private static Outcome run(String... args) {
        CommandLine cmd = PrecisCli.commandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Outcome(code, err.toString());
    }

    @Test
    void compareOnTheFixtureWritesResultsJsonWithTheContractedFields(@TempDir Path out) throws IOException {
        Outcome outcome = run("compare", "--data", "fixture", "--epochs", "2", "--arms", "bp-sgd,bp-adam",
                "--seeds", "3", "--label-noise", "0.2", "--input-noise", "0.1", "--out", out.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(root.get("subcommand").asText()).isEqualTo("compare");
        assertThat(root.get("configuration").get("architecture").asText()).isEqualTo("784-256-256-10");
        assertThat(root.get("configuration").get("epochs").asInt()).isEqualTo(2);
        assertThat(root.get("versions").get("deeplearning4j").asText()).isEqualTo("1.0.0-M2.1");
        assertThat(root.get("machine").get("cores").asInt()).isPositive();
        JsonNode arms = root.get("arms");
        assertThat(arms).hasSize(2);
        assertThat(List.of(arms.get(0).get("name").asText(), arms.get(1).get("name").asText()))
                .containsExactly("bp-sgd", "bp-adam");
        for (JsonNode arm : arms) {
            assertThat(arm.get("seed").asLong()).isEqualTo(3);
            assertThat(arm.get("labelNoise").asDouble()).isEqualTo(0.2);
            assertThat(arm.get("inputNoise").asDouble()).isEqualTo(0.1);
            assertThat(arm.get("testAccuracyPerEpoch")).hasSize(2);
            assertThat(arm.get("trainLossPerEpoch")).hasSize(2);
            assertThat(arm.get("secondsPerEpoch")).hasSize(2);
            double accuracy = arm.get("testAccuracy").asDouble();
            assertThat(accuracy).isEqualTo(arm.get("testAccuracyPerEpoch").get(1).asDouble());
            // Ten balanced classes: chance is 0.1. Two epochs on 2,000 images learn far more than that.
            assertThat(accuracy).isBetween(0.3, 1.0);
            assertThat(arm.get("trainLossPerEpoch").get(0).asDouble()).isPositive();
        }
        assertThat(Files.readAllLines(out.resolve("per-epoch.csv"))).hasSize(1 + 2 * 2);
        for (String file : List.of("test-accuracy.png", "train-loss-cross-entropy.png")) {
            byte[] png = Files.readAllBytes(out.resolve(file));
            assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        }
        assertThat(Files.readString(out.resolve("index.html"))).contains("test-accuracy.png", "bp-adam");
    }

    @Test
    void theKfacAndPredictiveCodingArmsTrainThroughTheSameHarness(@TempDir Path out) throws IOException {
        Outcome outcome = run("compare", "--data", "fixture", "--epochs", "2", "--arms", "kfac,pc,pc-precision",
                "--out", out.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode arms = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("arms");
        assertThat(arms).hasSize(3);
        for (JsonNode arm : arms) {
            // Chance is 0.1; every working scheme learns far more from 2,000 images in two epochs.
            assertThat(arm.get("testAccuracy").asDouble()).as(arm.get("name").asText()).isGreaterThan(0.5);
        }
        JsonNode precision = arms.get(2).get("diagnostics");
        assertThat(precision.get("outputPrecision").asDouble()).isPositive();
        assertThat(precision.has("precisionLevel1")).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameResultsForAnArm(@TempDir Path out) throws IOException {
        run("compare", "--data", "fixture", "--train-limit", "500", "--epochs", "1", "--arms", "bp-sgd",
                "--out", out.resolve("a").toString());
        run("compare", "--data", "fixture", "--train-limit", "500", "--epochs", "1", "--arms", "bp-sgd",
                "--out", out.resolve("b").toString());

        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(out.resolve("a/results.json").toFile()).get("arms").get(0);
        JsonNode b = json.readTree(out.resolve("b/results.json").toFile()).get("arms").get(0);
        assertThat(a.get("trainLossPerEpoch")).isEqualTo(b.get("trainLossPerEpoch"));
        assertThat(a.get("testAccuracy")).isEqualTo(b.get("testAccuracy"));
    }

    @Test
    void aMissingDataDirectoryFailsWithThePathAndTheInstallCommand(@TempDir Path temp) {
        Path missing = temp.resolve("nowhere");

        Outcome outcome = run("compare", "--data-dir", missing.toString(), "--epochs", "1",
                "--out", temp.resolve("out").toString());

        assertThat(outcome.exitCode()).isEqualTo(PrecisCli.EXIT_FAILURE);
        assertThat(outcome.err()).contains(missing.toString()).contains("apt-get install -y dataset-fashion-mnist");
        assertThat(temp.resolve("out")).doesNotExist();
    }

    @Test
    void badOptionsAreRejectedWithAMessageNamingTheOption() {
        assertUsageError(run("compare", "--data", "fixture", "--epochs", "0"), "--epochs");
        assertUsageError(run("compare", "--data", "fixture", "--batch", "-5"), "--batch");
        assertUsageError(run("compare", "--data", "fixture", "--arms", "bp-sgd,nonsense"), "--arms");
        assertUsageError(run("compare", "--data", "fixture", "--label-noise", "1.5"), "--label-noise");
        assertUsageError(run("compare", "--data", "fixture", "--input-noise", "-1"), "--input-noise");
        assertUsageError(run("compare", "--data", "fixture", "--hidden", "256,0"), "--hidden");
        assertUsageError(run("compare", "--data", "mnist-please"), "--data");
        assertUsageError(run("compare", "--data", "fixture", "--epochs", "ten"), "--epochs");
        assertUsageError(run("compare", "--no-such-option"), "--no-such-option");
        assertUsageError(run("compare", "--data", "fixture", "--checkpoint-every", "-1"), "--checkpoint-every");
        assertUsageError(run("compare", "--data", "fixture", "--resume", ""), "--resume");
    }

    @Test
    void anUnknownArmMessageListsTheValidArms() {
        Outcome outcome = run("compare", "--data", "fixture", "--arms", "nonsense");
        assertThat(outcome.err()).contains("bp-sgd").contains("bp-adam");
    }

    private static void assertUsageError(Outcome outcome, String option) {
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(outcome.err()).contains(option);
    }
}
