package org.precis.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(180)
class SparkCompareCommandTest {

    @TempDir
    Path out;

    private static int run(StringWriter err, String... args) {
        CommandLine cmd = PrecisSparkCli.commandLine();
        cmd.setErr(new PrintWriter(err));
        cmd.setOut(new PrintWriter(new StringWriter()));
        return cmd.execute(args);
    }

    /** Single machine, then local[2]: bp-adam once, kfac once per curvature mode; all files complete. */
    @Test
    void aSmallRunWritesEveryRunAndNoPartialFile() throws Exception {
        StringWriter err = new StringWriter();
        int status = run(err, "spark-compare", "--data", "fixture", "--train-limit", "400", "--hidden", "16",
                "--epochs", "1", "--batch", "50", "--arms", "bp-adam,kfac", "--workers", "2", "--curvature",
                "averaged,per-round", "--averaging-frequency", "2", "--out", out.toString());

        assertThat(status).as(err.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        List<String> settings = new ArrayList<>();
        for (JsonNode run : root.get("runs")) {
            settings.add(run.get("arm").asText() + " | " + run.get("setting").asText());
            assertThat(run.get("testAccuracyPerEpoch")).hasSize(1);
            assertThat(run.get("examplesPerSecond").asDouble()).isPositive();
        }
        assertThat(settings).containsExactly("bp-adam | single", "kfac | single", "bp-adam | 2 workers",
                "kfac | 2 workers", "kfac | 2 workers, per-round");
        assertThat(root.get("runs").get(3).get("secondsBreakdown").get("training").asDouble()).isPositive();
        assertThat(out.resolve("per-epoch.csv")).exists();
        assertThat(out.resolve("accuracy.png")).exists();
        assertThat(out.resolve("throughput.png")).exists();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".partial"));
        }
    }

    @Test
    void anUnknownCurvatureModeIsAUsageErrorNamingTheOption() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "spark-compare", "--data", "fixture", "--curvature", "sideways")).isEqualTo(2);
        assertThat(err.toString()).contains("--curvature").contains("sideways");
    }

    @Test
    void severalWorkerCountsWithOneClusterMasterIsAUsageError() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "spark-compare", "--data", "fixture", "--master", "local[2]", "--workers", "1,2"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--workers");
    }
}
