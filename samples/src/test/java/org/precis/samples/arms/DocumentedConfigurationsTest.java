package org.precis.samples.arms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arm configurations the documentation's commands pass to {@code compare --arm-config / --searched}
 * ({@code site/src/docs/configs}): each must load, build, and train the standard architecture of the arm it names as
 * its base (784-256-256-10, or 1x28x28-c32p2-c64p2-256-10 for a convolutional arm), so that the results it is quoted
 * with compare with that arm's.
 */
class DocumentedConfigurationsTest {

    private static final Path CONFIGS = Path.of("..", "site", "src", "docs", "configs");

    @Test
    void everyDocumentedConfigurationLoadsAndBuildsItsBaseArmsNetwork() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(CONFIGS)) {
            files = listing.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("configurations in " + CONFIGS.toAbsolutePath()).isNotEmpty();
        for (Path file : files) {
            ConfiguredArm arm = ConfiguredArm.load(file);
            NetworkShape standard = Arms.convolutionalNames().contains(arm.baseArm())
                    ? Architecture.CONV.shape(784, new int[] {256}, 10)
                    : Architecture.MLP.shape(784, new int[] {256, 256}, 10);
            String name = file.getFileName().toString();
            assertThat(Arms.allNames().contains(arm.baseArm()))
                    .as(name + " names a registered base arm, not " + arm.baseArm()).isTrue();
            assertThat(arm.shape()).as(name).isEqualTo(standard);
            MultiLayerNetwork net = arm.createNetwork(standard, 1);
            assertThat(net.output(Nd4j.zeros(DataType.FLOAT, 2, 784)).shape()).as(name).containsExactly(2, 10);
        }
    }
}
