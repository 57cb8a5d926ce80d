package org.precis.samples.autoencode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        assertThat(root.get("configuration").get("latent")).hasSize(2);
        assertThat(root.get("versions").has("deeplearning4j")).isTrue();
        assertThat(root.get("machine").has("cores")).isTrue();
        assertThat(root.get("pixelProbeAccuracy").asDouble()).isBetween(0.0, 1.0);
        JsonNode models = root.get("models");
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
        // The layer keeps every learnable variance within [floor, ceiling] = [0.1 (the default), 1e4], up to float
        // rounding.
        JsonNode variances = models.get(0).get("description").get("meanVariancePerLevel");
        assertThat(variances).hasSize(3);
        variances.forEach(v -> assertThat(v.asDouble()).isBetween(0.1 * (1 - 1e-5), 1e4 * (1 + 1e-5)));
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
        JsonNode vae = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("models").get(0);
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
        "--seeds|1,2|--seeds",
        "--traversal-latents|17|--traversal-latents",
        "--pc-precision|BOGUS|--pc-precision",
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
}
