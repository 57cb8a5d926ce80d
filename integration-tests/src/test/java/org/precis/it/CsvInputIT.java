package org.precis.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad CSV input is reported before training, with the file, row and column, exit status 1 and no stack trace
 * unless {@code --verbose} asks for one.
 */
class CsvInputIT {

    private static PrecisJar.Run compare(Path work, Path csv, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("compare", "--data", "csv:" + csv, "--epochs", "1",
                "--hidden", "4", "--out", "run"));
        args.addAll(List.of(more));
        return PrecisJar.run(work, args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "cell ''{0}''")
    @CsvSource(delimiter = '|', value = {
        "NaN       | row 3, column 2: 'NaN' is not a finite number",
        "Infinity  | row 3, column 2: 'Infinity' is not a finite number",
        "          | row 3, column 2 is empty",
        "abc       | row 3, column 2: 'abc' is not a number"})
    void aBadCellIsReportedWithFileRowAndColumnAndNoStackTrace(String cell, String message, @TempDir Path work)
            throws Exception {
        Path csv = Files.write(work.resolve("data.csv"), List.of("0.1,0.2,0", "0.3,0.4,1",
                "0.5," + (cell == null ? "" : cell) + ",0", "0.7,0.8,1", "0.2,0.1,0"));

        PrecisJar.Run run = compare(work, csv);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("CSV file " + csv + ", " + message).doesNotContain("\tat ")
                .contains("--verbose shows the stack trace");
        assertThat(work.resolve("run")).doesNotExist();
    }

    @Test
    void aSingleClassFileIsRefusedWithTheReason(@TempDir Path work) throws Exception {
        Path csv = Files.write(work.resolve("one.csv"), List.of("0.1,0.2,1", "0.3,0.4,1", "0.5,0.6,1"));

        PrecisJar.Run run = compare(work, csv);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains(csv + " holds only class 1 (3 rows)").doesNotContain("\tat ");
    }

    @Test
    void aDirectoryGivenAsTheFileIsNamedAsSuch(@TempDir Path work) throws Exception {
        Path dir = Files.createDirectories(work.resolve("a-directory"));

        PrecisJar.Run run = compare(work, dir);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("CSV file " + dir + " is a directory").doesNotContain("\tat ");
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path work) throws Exception {
        Path csv = Files.write(work.resolve("data.csv"), List.of("0.1,0.2,0", "0.3,NaN,1"));

        PrecisJar.Run run = compare(work, csv, "--verbose");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("row 2, column 2").contains("\tat org.precis.data.csv");
    }
}
