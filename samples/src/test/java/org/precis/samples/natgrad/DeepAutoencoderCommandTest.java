package org.precis.samples.natgrad;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Sgd;
import org.precis.samples.PrecisCli;

class DeepAutoencoderCommandTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void theNetworkIsTheEncoderFollowedByItsMirrorImage() {
        MultiLayerConfiguration conf = DeepAutoencoder.configuration(784, DeepAutoencoder.ENCODER_SIZES,
                new Sgd(0.1), 1);

        int[] expectedOut = {1000, 500, 250, 30, 250, 500, 1000, 784};
        assertThat(conf.getConfs()).hasSize(expectedOut.length);
        long in = 784;
        for (int i = 0; i < expectedOut.length; i++) {
            FeedForwardLayer layer = (FeedForwardLayer) conf.getConf(i).getLayer();
            assertThat(layer.getNIn()).isEqualTo(in);
            assertThat(layer.getNOut()).isEqualTo(expectedOut[i]);
            in = expectedOut[i];
        }
    }

    @Test
    void everyOptimizerLowersTheTrainingErrorAndTheCurvesAreWritten(@TempDir Path out) throws IOException {
        int code = PrecisCli.commandLine().execute("deep-autoencoder", "--data", "fixture", "--encoder", "64,8",
                "--iterations", "40", "--evaluate-every", "20", "--evaluation-images", "500", "--batch", "64",
                "--out", out.toString());

        assertThat(code).isZero();
        JsonNode curves = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("curves");
        assertThat(curves).extracting(c -> c.get("name").asText())
                .containsExactly("kfac", "kfac-adaptive", "sgd-momentum", "adam");
        for (JsonNode curve : curves) {
            JsonNode points = curve.get("points");
            assertThat(points).hasSize(3);
            assertThat(points.get(2).get("iteration").asInt()).isEqualTo(40);
            double start = points.get(0).get("trainingError").asDouble();
            double end = points.get(2).get("trainingError").asDouble();
            // Random initial weights reconstruct badly; 40 steps of any working optimizer do better.
            assertThat(end).as(curve.get("name").asText()).isLessThan(start).isPositive();
        }
        assertThat(out.resolve(DeepAutoencoderCommand.ITERATIONS_PNG)).exists();
        assertThat(out.resolve(DeepAutoencoderCommand.SECONDS_PNG)).exists();
        assertThat(out.resolve(KFacTracePlot.PNG)).exists();
        assertThat(java.nio.file.Files.readAllLines(out.resolve(DeepAutoencoderCommand.CURVES_CSV))).hasSize(1 + 4 * 3);
        try (var files = java.nio.file.Files.list(out)) {
            assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".part"));
        }
        // One row per iteration of each K-FAC optimizer; the adaptive one measures rho every fifth iteration.
        List<String[]> rows = java.nio.file.Files.readAllLines(out.resolve(KFacTracePlot.CSV)).stream().skip(1)
                .map(line -> line.split(",")).toList();
        assertThat(rows).hasSize(80);
        List<String[]> adaptive = rows.stream().filter(r -> r[0].equals("kfac-adaptive")).toList();
        assertThat(adaptive).hasSize(40);
        assertThat(adaptive.stream().filter(r -> !r[8].equals("NaN")).map(r -> r[1]).toList())
                .containsExactly("5", "10", "15", "20", "25", "30", "35", "40");
    }

    @Test
    void withoutAKFacOptimizerNoStatisticsAreWritten(@TempDir Path out) {
        int code = PrecisCli.commandLine().execute("deep-autoencoder", "--data", "fixture", "--encoder", "16,4",
                "--iterations", "4", "--evaluate-every", "2", "--evaluation-images", "100", "--batch", "32",
                "--optimizers", "adam", "--out", out.toString());

        assertThat(code).isZero();
        assertThat(out.resolve(KFacTracePlot.CSV)).doesNotExist();
        assertThat(out.resolve("index.html")).exists();
    }

    @Test
    void anUnknownOptimizerIsRejectedNamingTheOption() {
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cmd = PrecisCli.commandLine();
        cmd.setErr(new java.io.PrintWriter(err, true));

        int code = cmd.execute("deep-autoencoder", "--data", "fixture", "--optimizers", "kfac,lbfgs");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--optimizers").contains("lbfgs");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "--kfac-periods 1       | --kfac-periods",
        "--kfac-periods 2,3     | --kfac-periods",
        "--kfac-damping -1      | --kfac-damping",
        "--kfac-momentum 1      | --kfac-momentum",
    })
    void aBadKFacOptionIsRejectedNamingIt(String options, String named) {
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cmd = PrecisCli.commandLine();
        cmd.setErr(new java.io.PrintWriter(err, true));
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("deep-autoencoder", "--data",
                "fixture"));
        args.addAll(java.util.List.of(options.trim().split(" +")));

        int code = cmd.execute(args.toArray(String[]::new));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().toLowerCase(java.util.Locale.ROOT)).contains(named);
    }
}
