package org.precis.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvCompareTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void aUserCsvOfTwoSeparableClassesIsLearnedAlmostPerfectly(@TempDir Path dir) throws IOException {
        // Two Gaussian blobs 6 standard deviations apart: any working classifier separates them.
        Random random = new Random(5);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            int label = i % 2;
            double centre = label == 0 ? -3 : 3;
            rows.add(String.format(Locale.ROOT, "%.4f,%.4f,%d", centre + random.nextGaussian(),
                    random.nextGaussian(), label));
        }
        Path csv = Files.write(dir.resolve("blobs.csv"), rows);
        Path out = dir.resolve("out");

        int code = PrecisCli.commandLine().execute("compare", "--data", "csv:" + csv, "--hidden", "16",
                "--epochs", "5", "--batch", "32", "--arms", "bp-adam", "--out", out.toString());

        assertThat(code).isZero();
        JsonNode root = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(root.get("configuration").get("architecture").asText()).isEqualTo("2-16-2");
        assertThat(root.get("configuration").get("testExamples").asInt()).isEqualTo(120);
        assertThat(root.get("arms").get(0).get("testAccuracy").asDouble()).isGreaterThan(0.97);
    }
}
