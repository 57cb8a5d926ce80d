package org.precis.samples.autoencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.precis.samples.PrecisCli;
import picocli.CommandLine;

/** The subcommand end to end on the fixture, and its refusal of bad options. */
class AutoencodeCommandTest {

    private static final List<String> MODELS = List.of("pc", "vae", "autoencoder");

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void aTinyRunWritesTheContractKeysAndEveryPicture(@TempDir Path out) throws IOException {
        int code = PrecisCli.commandLine().execute("autoencode", "--data", "fixture", "--train-limit", "300",
                "--epochs", "1", "--batch", "50", "--latent", "16,4", "--sprite-images", "300", "--probe-epochs", "2",
                "--plot-points", "100", "--traversal-latents", "2", "--pc-steps", "5", "--out", out.toString());

        assertThat(code).isZero();
        JsonNode root = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(root.get("subcommand").asText()).isEqualTo("autoencode");
        assertThat(root.get("complete").asBoolean()).isTrue();
        assertThat(root.get("configuration").get("latent")).hasSize(2);
        assertThat(root.get("versions").has("deeplearning4j")).isTrue();
        assertThat(root.get("machine").has("cores")).isTrue();
        JsonNode run = root.get("runs").get(0);
        assertThat(run.get("seed").asLong()).isEqualTo(1);
        assertThat(run.get("pixelProbeAccuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(run.get("meanImageMse").asDouble()).isStrictlyBetween(0.0, 1.0);
        JsonNode models = run.get("models");
        List<String> names = new ArrayList<>();
        models.forEach(m -> names.add(m.get("name").asText()));
        assertThat(names).containsExactlyElementsOf(MODELS);
        for (JsonNode m : models) {
            String name = m.get("name").asText();
            assertThat(m.get("probeAccuracy")).as(name).hasSize(2);
            m.get("probeAccuracy").forEach(a -> assertThat(a.asDouble()).isBetween(0.0, 1.0));
            assertThat(m.get("reconstructionMse")).as(name).hasSize(2);
            // Pixels lie in [0, 1] and every decoder ends in a sigmoid, so a squared error per pixel is in (0, 1).
            JsonNode top = m.get("reconstructionMse").get(1);
            assertThat(top.asDouble()).as(name).isStrictlyBetween(0.0, 1.0);
            // The VAE decodes only from its code; the others from every level.
            assertThat(m.get("reconstructionMse").get(0).isNull()).as(name).isEqualTo(name.equals("vae"));
            assertThat(m.get("mig")).as(name).hasSize(2);
            m.get("mig").forEach(v -> assertThat(v.asDouble()).isBetween(0.0, 1.0));
            assertThat(m.get("secondsPerEpoch")).hasSize(1);
            assertThat(m.get("secondsPerEpoch").get(0).asDouble()).isPositive();
            assertThat(m.get("spriteSecondsPerEpoch")).hasSize(1);
            for (int level = 1; level <= 2; level++) {
                assertThat(out.resolve("pca-" + name + "-level" + level + ".png")).exists();
            }
            BufferedImage traversal = ImageIO.read(out.resolve("traversal-" + name + ".png").toFile());
            assertThat(traversal.getHeight()).isEqualTo(2 * (28 * ImageGrid.ZOOM + 2) + 2);
        }
        // The pixels' running-moment variance is S + lambda with S >= 0 (lambda = the default damping); the latents
        // have no precision by default, so their variance is 1.
        JsonNode variances = models.get(0).get("description").get("meanVariancePerLevel");
        assertThat(variances).hasSize(3);
        assertThat(variances.get(0).asDouble()).isGreaterThanOrEqualTo(1e-3 * (1 - 1e-5));
        assertThat(variances.get(1).asDouble()).isEqualTo(1.0);
        assertThat(variances.get(2).asDouble()).isEqualTo(1.0);
        // The bounded relaxation step never raises the energy of this smooth (sigmoid, tanh) hierarchy.
        JsonNode relaxation = models.get(0).get("relaxation");
        assertThat(relaxation.get("trainingSteps").asDouble()).isEqualTo(6 * 5);
        assertThat(relaxation.get("energyRises").asDouble()).isZero();
        assertThat(relaxation.get("inferenceEnergyRises").asDouble()).isZero();
        // One seed: the summary holds each figure once, and the claims are judged (undecided or not, but judged).
        JsonNode pcSummary = root.get("summary").get("models").get(0);
        assertThat(pcSummary.get("levels").get(0).get("probeAccuracy").get("n").asInt()).isEqualTo(1);
        assertThat(pcSummary.get("levels").get(0).get("probeAccuracy").get("mean").asDouble())
                .isEqualTo(models.get(0).get("probeAccuracy").get(0).asDouble());
        List<String> claims = new ArrayList<>();
        root.get("verdicts").forEach(v -> claims.add(v.get("claim").asText()));
        assertThat(claims).containsExactly("pc-embeddings-form-a-hierarchy", "pc-embeddings-are-disentangled");
        // Rows: the originals, pc from levels 1 and 2, the VAE from its code, the auto-encoder from levels 1 and 2.
        BufferedImage grid = ImageIO.read(out.resolve(AutoencodeExperiment.RECONSTRUCTIONS_PNG).toFile());
        assertThat(grid.getHeight()).isEqualTo(6 * (28 * ImageGrid.ZOOM + 2) + 2);
        assertThat(out.resolve("index.html")).exists();
    }

    @Test
    void skippingTheSpritesLeavesMigNull(@TempDir Path out) throws IOException {
        int code = PrecisCli.commandLine().execute("autoencode", "--data", "fixture", "--train-limit", "200",
                "--epochs", "1", "--latent", "8,3", "--models", "vae", "--skip-sprites", "--probe-epochs", "1",
                "--plot-points", "50", "--traversal-latents", "1", "--out", out.toString());

        assertThat(code).isZero();
        JsonNode vae = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("runs").get(0).get("models")
                .get(0);
        assertThat(vae.get("mig").get(0).isNull()).isTrue();
        assertThat(vae.get("mig").get(1).isNull()).isTrue();
        assertThat(vae.get("spriteSecondsPerEpoch")).isEmpty();
    }

    @Test
    void withTsneEveryLevelAlsoGetsATsnePicture(@TempDir Path out) throws IOException {
        // One model keeps the run short; the t-SNE pictures sit beside the PCA ones and are listed the same way.
        int code = PrecisCli.commandLine().execute("autoencode", "--data", "fixture", "--train-limit", "200",
                "--epochs", "1", "--latent", "8,3", "--models", "autoencoder", "--skip-sprites", "--probe-epochs", "1",
                "--plot-points", "50", "--traversal-latents", "1", "--tsne", "--tsne-points", "100", "--out",
                out.toString());

        assertThat(code).isZero();
        JsonNode root = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        List<String> pictures = new ArrayList<>();
        root.get("pictures").forEach(p -> pictures.add(p.asText()));
        for (int level = 1; level <= 2; level++) {
            String file = "tsne-autoencoder-level" + level + ".png";
            assertThat(ImageIO.read(out.resolve(file).toFile())).as(file).isNotNull();
            assertThat(pictures).contains(file, "pca-autoencoder-level" + level + ".png");
        }
        assertThat(root.get("configuration").get("tsne").get("points").asInt()).isEqualTo(100);
    }

    @Test
    void withoutTsneNoTsnePictureIsDrawn(@TempDir Path out) {
        int code = PrecisCli.commandLine().execute("autoencode", "--data", "fixture", "--train-limit", "200",
                "--epochs", "1", "--latent", "8,3", "--models", "vae", "--skip-sprites", "--probe-epochs", "1",
                "--plot-points", "50", "--traversal-latents", "1", "--out", out.toString());

        assertThat(code).isZero();
        assertThat(out.resolve("tsne-vae-level1.png")).doesNotExist();
        assertThat(out.resolve("pca-vae-level1.png")).exists();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--latent|16|--latent",
        "--latent|16,0|--latent",
        "--models|pc,gan|--models",
        "--models|pc,pc|--models",
        "--hidden|32|--hidden",
        "--traversal-latents|17|--traversal-latents",
        "--pc-data-precision|BOGUS|--pc-data-precision",
        "--pc-latent-precision|BOGUS|--pc-latent-precision",
        "--pc-precision-estimator|BOGUS|--pc-precision-estimator",
        "--pc-precision-damping|0|--pc-precision-damping",
        "--pc-step-bound|1|--pc-step-bound",
        "--pc-tolerance|-1|--pc-tolerance",
        "--probe-every|-1|--probe-every",
        "--pc-steps|0|--pc-steps",
        "--pc-state-rate|-0.1|--pc-state-rate",
        "--pc-variance-floor|2|--pc-variance-floor",
        "--learning-rate|0|--learning-rate",
        "--probe-epochs|0|--probe-epochs",
        "--plot-points|1|--plot-points",
        "--tsne-points|0|--tsne-points",
        "--sprite-images|0|--sprite-images",
        "--sprite-epochs|0|--sprite-epochs",
        "--epochs|0|--epochs",
        "--data|csv:some.csv|--data",
        "--data|mnist|--data"})
    void aBadOptionExitsWithStatus2NamingIt(String option, String value, String named) {
        StringWriter err = new StringWriter();
        CommandLine cmd = PrecisCli.commandLine();
        cmd.setErr(new PrintWriter(err, true));

        int code = cmd.execute("autoencode", "--data", "fixture", option, value);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(named);
    }

    @Test
    void severalSeedsAreSummarisedAndTheAmortisedModelComparesItsTwoStarts(@TempDir Path out) throws IOException {
        int code = PrecisCli.commandLine().execute("autoencode", "--data", "fixture", "--train-limit", "200",
                "--epochs", "1", "--batch", "50", "--latent", "8,3", "--models", "pc-amortised,vae", "--seeds", "1,2",
                "--skip-sprites", "--probe-epochs", "1", "--probe-every", "1", "--plot-points", "50",
                "--traversal-latents", "1", "--pc-steps", "6", "--out", out.toString());

        assertThat(code).isZero();
        JsonNode root = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(root.get("runs")).hasSize(2);
        JsonNode seed2 = root.get("runs").get(1).get("models").get(0);
        assertThat(seed2.get("name").asText()).isEqualTo("pc-amortised");
        // One probe after the only epoch, with the energy rises of that epoch's training.
        assertThat(seed2.get("probesDuringTraining")).hasSize(1);
        assertThat(seed2.get("probesDuringTraining").get(0).get("probeAccuracy")).hasSize(2);
        JsonNode starts = seed2.get("startComparison");
        assertThat(starts.get("steps").asInt()).isEqualTo(6);
        assertThat(starts.get("priorFinalEnergy").asDouble()).isLessThanOrEqualTo(
                starts.get("priorStartEnergy").asDouble());
        JsonNode level1 = root.get("summary").get("models").get(0).get("levels").get(0).get("probeAccuracy");
        double a = root.get("runs").get(0).get("models").get(0).get("probeAccuracy").get(0).asDouble();
        double b = seed2.get("probeAccuracy").get(0).asDouble();
        assertThat(level1.get("n").asInt()).isEqualTo(2);
        assertThat(level1.get("mean").asDouble()).isCloseTo((a + b) / 2, within(1e-12));
        assertThat(level1.get("sd").asDouble()).isCloseTo(Math.abs(a - b) / Math.sqrt(2), within(1e-12));
        // Pictures are drawn for the first seed only.
        assertThat(root.get("pictures").toString()).contains("traversal-pc-amortised.png");
    }

    @Test
    void runsOfOneExperimentWithDifferentSeedsAreCombinedAsIfTrainedInOneRun(@TempDir Path dir) throws IOException {
        Path one = dir.resolve("seed1");
        Path two = dir.resolve("seed2");
        assertThat(tinyRun(one, "1", "1")).isZero();
        assertThat(tinyRun(two, "2", "1")).isZero();
        Path combined = dir.resolve("combined");

        int code = PrecisCli.commandLine().execute("autoencode", "--combine", one + "," + two, "--out",
                combined.toString());

        assertThat(code).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(combined.resolve("results.json").toFile());
        assertThat(root.get("configuration").get("seeds").toString()).isEqualTo("[1,2]");
        assertThat(root.get("runs")).hasSize(2);
        double a = json.readTree(one.resolve("results.json").toFile()).get("runs").get(0).get("models").get(0)
                .get("probeAccuracy").get(1).asDouble();
        double b = json.readTree(two.resolve("results.json").toFile()).get("runs").get(0).get("models").get(0)
                .get("probeAccuracy").get(1).asDouble();
        JsonNode level2 = root.get("summary").get("models").get(0).get("levels").get(1).get("probeAccuracy");
        assertThat(level2.get("n").asInt()).isEqualTo(2);
        assertThat(level2.get("mean").asDouble()).isCloseTo((a + b) / 2, within(1e-12));
        assertThat(level2.get("sd").asDouble()).isCloseTo(Math.abs(a - b) / Math.sqrt(2), within(1e-12));
        assertThat(root.get("verdicts")).isNotEmpty();
        assertThat(combined.resolve("traversal-pc.png")).exists();
        assertThat(combined.resolve("index.html")).exists();
    }

    @Test
    void combiningRunsOfDifferentExperimentsOrOneSeedTwiceIsRefusedNamingWhy(@TempDir Path dir) {
        Path one = dir.resolve("seed1");
        Path longer = dir.resolve("seed2-two-epochs");
        assertThat(tinyRun(one, "1", "1")).isZero();
        assertThat(tinyRun(longer, "2", "2")).isZero();

        StringWriter err = new StringWriter();
        CommandLine cmd = PrecisCli.commandLine();
        cmd.setErr(new PrintWriter(err));
        int different = cmd.execute("autoencode", "--combine", one + "," + longer, "--out",
                dir.resolve("a").toString());
        assertThat(different).isEqualTo(2);
        assertThat(err.toString()).contains("--combine").contains(longer.toString()).contains("epochs: 2 here, 1");

        int twice = cmd.execute("autoencode", "--combine", one + "," + one, "--out", dir.resolve("b").toString());
        assertThat(twice).isEqualTo(2);
        assertThat(err.toString()).contains("seed 1 occurs twice");
        assertThat(dir.resolve("a").resolve("results.json")).doesNotExist();
    }

    @Test
    void theRecordOfAnUnfinishedRunIsNotCombined(@TempDir Path dir) throws IOException {
        Path one = dir.resolve("seed1");
        Path two = dir.resolve("seed2");
        assertThat(tinyRun(one, "1", "1")).isZero();
        assertThat(tinyRun(two, "2", "1")).isZero();
        // What a run killed after its first model leaves behind (see AutoencodeExperimentTest).
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(two.resolve("results.json").toFile());
        root.put("complete", false);
        json.writeValue(two.resolve("results.json").toFile(), root);

        StringWriter err = new StringWriter();
        CommandLine cmd = PrecisCli.commandLine();
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute("autoencode", "--combine", one + "," + two, "--out", dir.resolve("c").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(two.resolve("results.json").toString()).contains("unfinished run");
    }

    private static int tinyRun(Path out, String seed, String epochs) {
        return PrecisCli.commandLine().execute("autoencode", "--data", "fixture", "--train-limit", "200",
                "--epochs", epochs, "--batch", "50", "--latent", "8,3", "--models", "pc,vae", "--seeds", seed,
                "--skip-sprites", "--probe-epochs", "1", "--plot-points", "50", "--traversal-latents", "1",
                "--pc-steps", "4", "--out", out.toString());
    }
}
