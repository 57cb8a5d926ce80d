package org.precis.samples.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.precis.arbiter.data.ValidationSplit;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.fashion.FashionMnist;
import org.precis.samples.PrecisCli;
import org.precis.samples.arms.ConfiguredArm;
import org.precis.samples.arms.NetworkShape;
import picocli.CommandLine;

/**
 * The {@code search} subcommand end to end on the shipped fixture: a real Arbiter search, so that a DL4J or
 * Arbiter change that breaks searching fails here at once.
 */
class SearchCommandTest {

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
    void aThreeCandidateSearchRanksItsCandidatesAndItsBestModelRestoresWithTheReportedAccuracy(@TempDir Path out)
            throws IOException {
        Outcome outcome = run("search", "--data", "fixture", "--arm", "pc", "--candidates", "3", "--epochs", "1",
                "--out", out.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();

        JsonNode root = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(root.get("subcommand").asText()).isEqualTo("search");
        assertThat(root.get("configuration").get("arm").asText()).isEqualTo("pc");
        // The fixture's 2,000 training images, 20% held out; the 500 test images are not part of the search.
        assertThat(root.get("configuration").get("trainExamples").asInt()).isEqualTo(1600);
        assertThat(root.get("configuration").get("validationExamples").asInt()).isEqualTo(400);
        JsonNode candidates = root.get("candidates");
        assertThat(candidates).hasSize(3);
        List<Double> accuracies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode c = candidates.get(i);
            assertThat(c.get("rank").asInt()).isEqualTo(i + 1);
            assertThat(c.get("status").asText()).isEqualTo("Complete");
            accuracies.add(c.get("validationAccuracy").asDouble());
            JsonNode h = c.get("hyperparameters");
            assertThat(h.get("relaxationSteps").asInt()).isBetween(SearchSpaces.STEPS_MIN, SearchSpaces.STEPS_MAX);
            assertThat(h.get("stateRate").asDouble()).isBetween(SearchSpaces.STATE_RATE_MIN,
                    SearchSpaces.STATE_RATE_MAX);
            assertThat(h.get("learningRate").asDouble()).isBetween(SearchSpaces.ADAM_LR_MIN,
                    SearchSpaces.ADAM_LR_MAX);
        }
        assertThat(accuracies).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        // Ten balanced classes: chance is 0.1; one epoch of PC on 1,600 images learns far more than that.
        assertThat(accuracies.get(0)).isBetween(0.3, 1.0);
        assertThat(root.get("best").get("validationAccuracy").asDouble()).isEqualTo(accuracies.get(0));

        // The saved best model, restored, scores exactly the reported accuracy on the same validation part.
        MultiLayerNetwork restored = MultiLayerNetwork.load(out.resolve(SearchReport.BEST_MODEL).toFile(), true);
        ValidationSplit split = ValidationSplit.of(FashionMnist.fixture().train(), 0.2, SearchCommand.DEFAULT_SEED);
        double restoredAccuracy = restored.evaluate(new ShuffledDataSetIterator(split.validation(), 1000, false, 0))
                .accuracy();
        assertThat(restoredAccuracy).isEqualTo(accuracies.get(0));

        assertThat(Files.readAllLines(out.resolve(SearchReport.CANDIDATES_CSV))).hasSize(1 + 3);
        assertThat(Files.readString(out.resolve(SearchReport.INDEX_HTML))).contains("Precis search: pc",
                "relaxationSteps");
        ConfiguredArm best = ConfiguredArm.load(out.resolve(SearchReport.BEST_CONFIG));
        assertThat(best.name()).isEqualTo("pc-searched");
        best.checkFits(new NetworkShape(784, new int[0], 10));
    }

    @Test
    void compareTrainsTheSavedBestConfigurationAsAnExtraArm(@TempDir Path out) throws IOException {
        Path search = out.resolve("search");
        assertThat(run("search", "--data", "fixture", "--train-limit", "500", "--arm", "bp-adam", "--candidates", "2",
                "--epochs", "1", "--out", search.toString()).exitCode()).isZero();
        Path compare = out.resolve("compare");
        Outcome outcome = run("compare", "--data", "fixture", "--epochs", "1", "--arms", "bp-sgd", "--arm-config",
                search.resolve(SearchReport.BEST_CONFIG).toString(), "--out", compare.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();

        JsonNode root = new ObjectMapper().readTree(compare.resolve("results.json").toFile());
        JsonNode arms = root.get("arms");
        assertThat(List.of(arms.get(0).get("name").asText(), arms.get(1).get("name").asText()))
                .containsExactly("bp-sgd", "bp-adam-searched");
        assertThat(arms.get(1).get("testAccuracy").asDouble()).isBetween(0.3, 1.0);
        assertThat(root.get("armDetails").get("bp-adam-searched").get("hyperparameters").get("baseArm").asText())
                .isEqualTo("bp-adam");
    }

    @Test
    void searchedConfigurationReplacesItsBaseArmUnderTheBaseArmsName(@TempDir Path out) throws IOException {
        Path search = out.resolve("search");
        assertThat(run("search", "--data", "fixture", "--train-limit", "500", "--arm", "bp-adam", "--candidates", "2",
                "--epochs", "1", "--out", search.toString()).exitCode()).isZero();
        JsonNode best = new ObjectMapper().readTree(search.resolve(SearchReport.BEST_CONFIG).toFile());
        Path noise = out.resolve("noise");
        Outcome outcome = run("noise", "--data", "fixture", "--epochs", "1", "--seeds", "1", "--arms",
                "bp-sgd,bp-adam", "--input-noise-levels", "0", "--label-noise-levels", "0", "--searched",
                search.resolve(SearchReport.BEST_CONFIG).toString(), "--out", noise.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();

        JsonNode root = new ObjectMapper().readTree(noise.resolve("results.json").toFile());
        JsonNode arms = root.get("arms");
        assertThat(List.of(arms.get(0).get("name").asText(), arms.get(1).get("name").asText()))
                .containsExactly("bp-sgd", "bp-adam");
        JsonNode adam = root.get("armDetails").get("bp-adam").get("hyperparameters");
        assertThat(adam.get("baseArm").asText()).isEqualTo("bp-adam");
        assertThat(adam.get("learningRate").asDouble())
                .isEqualTo(best.get("hyperparameters").get("learningRate").asDouble());
        assertThat(root.get("armDetails").get("bp-sgd").get("hyperparameters").has("baseArm"))
                .as("an arm without a searched file keeps its defaults").isFalse();
    }

    @Test
    void aSearchedConfigurationWhoseArmIsNotSelectedNamesTheOptionAndTheArm(@TempDir Path out) throws IOException {
        Path search = out.resolve("search");
        assertThat(run("search", "--data", "fixture", "--train-limit", "500", "--arm", "bp-adam", "--candidates", "1",
                "--epochs", "1", "--out", search.toString()).exitCode()).isZero();
        Outcome outcome = run("noise", "--data", "fixture", "--arms", "bp-sgd", "--searched",
                search.resolve(SearchReport.BEST_CONFIG).toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--searched", "bp-adam", "not among the selected arms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kfac", "pc-precision"})
    void theOtherSearchableArmsCompleteASmallSearch(String arm, @TempDir Path out) throws IOException {
        // why: kfac needs K-FAC attached inside Arbiter's task, pc-precision the Gaussian top of the PC space.
        Outcome outcome = run("search", "--data", "fixture", "--train-limit", "500", "--arm", arm, "--candidates", "2",
                "--epochs", "1", "--out", out.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode candidates = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("candidates");
        assertThat(candidates).hasSize(2);
        for (JsonNode c : candidates) {
            assertThat(c.get("status").asText()).as(c.toString()).isEqualTo("Complete");
        }
        JsonNode h = candidates.get(0).get("hyperparameters");
        if (arm.equals("kfac")) {
            assertThat(h.get("updater").asText()).isEqualTo("KFac");
        } else {
            assertThat(h.get("topEnergy").asText()).isEqualTo("GAUSSIAN");
        }
    }

    @Test
    void gridSearchWalksTheGridUpToTheCandidateCount(@TempDir Path out) throws IOException {
        Outcome outcome = run("search", "--data", "fixture", "--train-limit", "300", "--arm", "bp-adam",
                "--strategy", "grid", "--grid-points", "2", "--candidates", "2", "--epochs", "1", "--out",
                out.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        // bp-adam searches learning rate and l2 (2 points each) and the hidden activation (3 choices).
        assertThat(root.get("configuration").get("gridSize").asInt()).isEqualTo(2 * 2 * 3);
        assertThat(root.get("candidates")).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "search --data fixture                                      | --arm",
        "search --data fixture --arm bp-momentum                    | --arm",
        "search --data fixture --arm pc --candidates 0              | --candidates",
        "search --data fixture --arm pc --strategy bayes            | --strategy",
        "search --data fixture --arm pc --grid-points 1             | --grid-points",
        "search --data fixture --arm pc --validation-fraction 1     | --validation-fraction",
        "search --data fixture --arm pc --seeds 1,2                 | --seeds",
        "search --data fixture --arm pc --epochs 0                  | --epochs",
        "compare --data fixture --arm-config /nonexistent/best.json | --arm-config",
    })
    void aBadOptionExitsWithStatus2AndAMessageNamingIt(String commandLine, String option) {
        Outcome outcome = run(commandLine.trim().split(" +"));
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
        assertThat(outcome.err()).contains(option);
    }

    @Test
    void anArmConfigThatIsNotOneNamesTheOptionAndTheFile(@TempDir Path dir) throws IOException {
        File notAConfig = Files.writeString(dir.resolve("x.json"), "{\"name\": \"x\"}").toFile();
        Outcome outcome = run("noise", "--data", "fixture", "--arm-config", notAConfig.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--arm-config", "x.json", "not an arm configuration");
    }
}
