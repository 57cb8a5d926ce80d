package org.precis.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The program's smaller promises: short option errors, one placeholder style, and a jar that says what it lacks. */
class CommandLineIT {

    @Test
    void anOptionErrorIsOneLineAndAHintNotTheWholeUsage(@TempDir Path work) throws Exception {
        PrecisJar.Run run = PrecisJar.run(work, "compare", "--epochs", "ten");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.lines()).hasSize(2);
        assertThat(run.lines().get(0)).startsWith("precis compare: ").contains("--epochs");
        assertThat(run.lines().get(1)).isEqualTo("Try 'precis compare --help' for the options.");
    }

    @Test
    void aMistypedOptionGetsASuggestion(@TempDir Path work) throws Exception {
        PrecisJar.Run run = PrecisJar.run(work, "compare", "--epoch", "2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("Unknown options: '--epoch'").contains("--epochs")
                .contains("Try 'precis compare --help'");
        assertThat(run.lines()).hasSizeLessThan(6);
    }

    @Test
    void everySubcommandsHelpNamesValuesWithTheSamePlaceholders(@TempDir Path work) throws Exception {
        for (String subcommand : new String[] {"compare", "noise", "search", "deep-autoencoder", "autoencode"}) {
            PrecisJar.Run help = PrecisJar.run(work, subcommand, "--help");

            assertThat(help.exitCode()).isZero();
            // picocli writes <name> for an option without a paramLabel.
            assertThat(help.output()).as(subcommand).doesNotContainPattern("=<[a-zA-Z]+>");
        }
    }

    @Test
    void theJarWithoutItsLibDirectorySaysWhatIsMissing(@TempDir Path work) throws Exception {
        Path lonely = Files.copy(PrecisJar.jar(), work.resolve("precis-samples.jar"));

        PrecisJar.Run run = PrecisJar.run(lonely, work, Map.of(), "--version");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("precis-samples.jar cannot start").containsPattern("(\\d+) of the \\1 "
                + "libraries it needs are missing from " + work.resolve("lib")).contains("copy or move the two together")
                .doesNotContain("NoClassDefFoundError");
    }
}
