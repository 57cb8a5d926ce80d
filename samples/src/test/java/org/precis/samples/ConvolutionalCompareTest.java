package org.precis.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code compare --arch conv}: the three convolutional arms through the shared harness. */
class ConvolutionalCompareTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static int run(StringWriter err, String... args) {
        CommandLine cmd = PrecisCli.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void archConvTrainsTheThreeConvolutionalArmsByDefault(@TempDir Path out) throws IOException {
        StringWriter err = new StringWriter();
        int code = run(err, "compare", "--data", "fixture", "--arch", "conv", "--train-limit", "128", "--batch", "64",
                "--epochs", "1", "--hidden", "16", "--out", out.toString());

        assertThat(code).as(err.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(root.get("configuration").get("architecture").asText()).isEqualTo("1x28x28-c32p2-c64p2-16-10");
        assertThat(root.get("configuration").get("arch").asText()).isEqualTo("conv");
        JsonNode arms = root.get("arms");
        assertThat(arms).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(arms.get(i).get("name").asText()).isEqualTo(new String[] {"bp-adam-conv", "kfac-conv",
                "pc-conv"}[i]);
            assertThat(arms.get(i).get("testAccuracy").asDouble()).isBetween(0.0, 1.0);
            assertThat(arms.get(i).get("secondsPerEpoch")).hasSize(1);
        }
    }

    @Test
    void aConvolutionalArmWithoutArchConvIsAUsageErrorBeforeAnyTraining() {
        StringWriter err = new StringWriter();
        int code = run(err, "compare", "--data", "fixture", "--arms", "bp-adam,pc-conv", "--epochs", "1");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--arch").contains("pc-conv");
    }
}
