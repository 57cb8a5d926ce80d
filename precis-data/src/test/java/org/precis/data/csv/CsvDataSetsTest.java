package org.precis.data.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precis.data.DataUnavailableException;
import org.precis.data.TrainTestData;

class CsvDataSetsTest {

    /** 100 rows "i, 2i, label" with label i mod 3 (so 3 classes). */
    private static Path threeClassCsv(Path dir, String name, boolean labelFirst) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add(labelFirst ? (i % 3) + "," + i + "," + 2 * i : i + "," + 2 * i + "," + (i % 3));
        }
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void oneFileIsSplitEightyTwentyWithLabelsFromTheLastColumn(@TempDir Path dir) throws IOException {
        TrainTestData data = CsvDataSets.load(threeClassCsv(dir, "a.csv", false), -1, 1);

        assertThat(data.numClasses()).isEqualTo(3);
        assertThat(data.numFeatures()).isEqualTo(2);
        assertThat(data.train().numExamples()).isEqualTo(80);
        assertThat(data.test().numExamples()).isEqualTo(20);
        // Every row's label is its first feature mod 3, wherever the split put it.
        for (var part : List.of(data.train(), data.test())) {
            for (int r = 0; r < part.numExamples(); r++) {
                int i = part.getFeatures().getInt(r, 0);
                assertThat(part.getFeatures().getDouble(r, 1)).isEqualTo(2.0 * i);
                assertThat(part.getLabels().getRow(r).argMax().getInt(0)).isEqualTo(i % 3);
            }
        }
    }

    @Test
    void aLabelColumnOptionAndASeparateTestFileAreHonoured(@TempDir Path dir) throws IOException {
        Path train = threeClassCsv(dir, "train.csv", true);
        Path test = threeClassCsv(dir, "test.csv", true);

        TrainTestData data = CsvDataSets.load(train, test, 0);

        assertThat(data.train().numExamples()).isEqualTo(100);
        assertThat(data.test().numExamples()).isEqualTo(100);
        assertThat(data.train().getFeatures().getDouble(5, 0)).isEqualTo(5.0);
        assertThat(data.train().getLabels().getRow(5).argMax().getInt(0)).isEqualTo(2);
    }

    @Test
    void aNonIntegerLabelIsReportedWithFileAndRow(@TempDir Path dir) throws IOException {
        Path csv = Files.write(dir.resolve("bad.csv"), List.of("1,2,0", "3,4,cat"));

        assertThatThrownBy(() -> CsvDataSets.load(csv, -1, 0))
                .isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining("bad.csv").hasMessageContaining("row 2").hasMessageContaining("cat");
    }

    @Test
    void aMissingFileIsReportedWithItsPath(@TempDir Path dir) {
        Path missing = dir.resolve("none.csv");
        assertThatThrownBy(() -> CsvDataSets.load(missing, -1, 0))
                .isInstanceOf(DataUnavailableException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void nanAndInfiniteCellsAreRefusedWithFileRowAndColumn(@TempDir Path dir) throws IOException {
        for (String bad : List.of("NaN", "Infinity", "-Infinity")) {
            Path csv = Files.write(dir.resolve("bad.csv"), List.of("1,2,0", "3,4,1", "5," + bad + ",0"));

            assertThatThrownBy(() -> CsvDataSets.load(csv, -1, 0))
                    .isInstanceOf(DataUnavailableException.class)
                    .hasMessageContaining("bad.csv, row 3, column 2").hasMessageContaining("not a finite number");
        }
    }

    @Test
    void missingAndNonNumericCellsAreReportedWithRowAndColumn(@TempDir Path dir) throws IOException {
        Path empty = Files.write(dir.resolve("empty.csv"), List.of("1,2,0", ",4,1"));
        Path text = Files.write(dir.resolve("text.csv"), List.of("1,2,0", "3,4,1", "5,6,0", "7,abc,1"));

        assertThatThrownBy(() -> CsvDataSets.load(empty, -1, 0)).hasMessageContaining("empty.csv, row 2, column 1")
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> CsvDataSets.load(text, -1, 0)).hasMessageContaining("text.csv, row 4, column 2")
                .hasMessageContaining("'abc' is not a number");
    }

    @Test
    void aSingleClassFileIsRefused(@TempDir Path dir) throws IOException {
        Path csv = Files.write(dir.resolve("one.csv"), List.of("1,2,0", "3,4,0", "5,6,0"));

        assertThatThrownBy(() -> CsvDataSets.load(csv, -1, 0)).isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining("one.csv holds only class 0 (3 rows)")
                .hasMessageContaining("at least two classes");
    }

    @Test
    void aDirectoryGivenAsTheFileIsNamedAsSuch(@TempDir Path dir) {
        assertThatThrownBy(() -> CsvDataSets.load(dir, -1, 0)).isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining(dir + " is a directory");
    }

    @Test
    void aStrayLabelThatWouldAddUnseenClassesIsRefusedNamingItsRow(@TempDir Path dir) throws IOException {
        // Classes 0..2, and one 7 at row 57: the network would get 8 outputs, 3..6 never seen.
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 90; i++) {
            lines.add(i + "," + (2 * i) + "," + (i == 57 ? 7 : i % 3));
        }
        Path csv = Files.write(dir.resolve("stray.csv"), lines);

        assertThatThrownBy(() -> CsvDataSets.load(csv, -1, 0)).isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining("labels 0, 1, 2, 7 occur but 3, 4, 5, 6 never do")
                .hasMessageContaining("stray.csv, row 57, column 3");
    }

    @Test
    void aClassSeenOnlyInTheTestFileIsAcceptedAcrossBothFiles(@TempDir Path dir) throws IOException {
        Path train = Files.write(dir.resolve("train.csv"), List.of("1,2,0", "3,4,1", "5,6,0", "7,8,1"));
        Path test = Files.write(dir.resolve("test.csv"), List.of("1,2,0", "3,4,2"));

        TrainTestData data = CsvDataSets.load(train, test, -1);

        assertThat(data.numClasses()).isEqualTo(3);
    }
}
