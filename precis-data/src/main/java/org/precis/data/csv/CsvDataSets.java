package org.precis.data.csv;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.precis.data.DataUnavailableException;
import org.precis.data.TrainTestData;

/**
 * Classification data from numeric CSV files without a header, read with DataVec's {@link CSVRecordReader} and
 * DL4J's {@link RecordReaderDataSetIterator}.
 *
 * <p>Features are used as they are (scale them beforehand); the label is an integer class index
 * {@code 0..K-1}, in the last column unless told otherwise. The number of classes K is one more than the largest
 * label seen in the files read.
 */
public final class CsvDataSets {

    /** Fraction of rows held out as the test set when no test file is given. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;

    private CsvDataSets() {
    }

    /**
     * Reads one file and holds out {@link #DEFAULT_TEST_FRACTION} of its rows, chosen by the seed, as the test set.
     *
     * @param csv         the file
     * @param labelColumn index of the label column; negative counts from the end (-1 = last)
     * @param seed        seed of the train/test split
     */
    public static TrainTestData load(Path csv, int labelColumn, long seed) {
        Table table = Table.read(csv, labelColumn);
        DataSet all = table.toDataSet(table.maxLabel + 1);
        if (all.numExamples() < 2) {
            throw new DataUnavailableException("CSV file " + csv + " needs at least 2 rows to split into training and "
                    + "test data, it has " + all.numExamples());
        }
        int numTrain = (int) Math.round(all.numExamples() * (1 - DEFAULT_TEST_FRACTION));
        numTrain = Math.max(1, Math.min(all.numExamples() - 1, numTrain));
        SplitTestAndTrain split = all.splitTestAndTrain(numTrain, new Random(seed));
        return new TrainTestData("CSV " + csv, split.getTrain(), split.getTest(), table.maxLabel + 1);
    }

    /**
     * Reads a training file and a separate test file with the same columns.
     *
     * @param trainCsv    training rows
     * @param testCsv     test rows
     * @param labelColumn index of the label column; negative counts from the end (-1 = last)
     */
    public static TrainTestData load(Path trainCsv, Path testCsv, int labelColumn) {
        Table train = Table.read(trainCsv, labelColumn);
        Table test = Table.read(testCsv, labelColumn);
        if (train.numColumns != test.numColumns) {
            throw new DataUnavailableException("CSV files " + trainCsv + " and " + testCsv + " differ in width: "
                    + train.numColumns + " and " + test.numColumns + " columns");
        }
        int numClasses = Math.max(train.maxLabel, test.maxLabel) + 1;
        return new TrainTestData("CSV " + trainCsv + " / " + testCsv, train.toDataSet(numClasses),
                test.toDataSet(numClasses), numClasses);
    }

    /** One CSV file after a first pass that learns its shape and validates its labels. */
    private static final class Table {
        private final Path file;
        private final int numColumns;
        private final int labelIndex;
        private final int numRows;
        private final int maxLabel;

        private Table(Path file, int numColumns, int labelIndex, int numRows, int maxLabel) {
            this.file = file;
            this.numColumns = numColumns;
            this.labelIndex = labelIndex;
            this.numRows = numRows;
            this.maxLabel = maxLabel;
        }

        static Table read(Path file, int labelColumn) {
            if (!Files.isRegularFile(file)) {
                throw new DataUnavailableException("CSV file " + file + " does not exist");
            }
            int numColumns = -1;
            int labelIndex = -1;
            int numRows = 0;
            int maxLabel = -1;
            try (RecordReader reader = new CSVRecordReader()) {
                reader.initialize(new FileSplit(file.toFile()));
                while (reader.hasNext()) {
                    List<Writable> row = reader.next();
                    numRows++;
                    if (numColumns < 0) {
                        numColumns = row.size();
                        labelIndex = labelColumn < 0 ? numColumns + labelColumn : labelColumn;
                        if (numColumns < 2 || labelIndex < 0 || labelIndex >= numColumns) {
                            throw new DataUnavailableException("CSV file " + file + " has " + numColumns
                                    + " columns; label column " + labelColumn + " is not among them (or no "
                                    + "feature column is left)");
                        }
                    } else if (row.size() != numColumns) {
                        throw new DataUnavailableException("CSV file " + file + ", row " + numRows + ": "
                                + row.size() + " columns, the first row has " + numColumns);
                    }
                    maxLabel = Math.max(maxLabel, parseLabel(file, numRows, row.get(labelIndex).toString()));
                }
            } catch (IOException | InterruptedException e) {
                throw new DataUnavailableException("Cannot read CSV file " + file + ": " + e.getMessage(), e);
            }
            if (numRows == 0) {
                throw new DataUnavailableException("CSV file " + file + " holds no rows");
            }
            return new Table(file, numColumns, labelIndex, numRows, maxLabel);
        }

        private static int parseLabel(Path file, int row, String text) {
            try {
                int label = Integer.parseInt(text.trim());
                if (label < 0) {
                    throw new NumberFormatException();
                }
                return label;
            } catch (NumberFormatException e) {
                throw new DataUnavailableException("CSV file " + file + ", row " + row + ": label '" + text
                        + "' is not a class index (an integer >= 0)");
            }
        }

        DataSet toDataSet(int numClasses) {
            try (RecordReader reader = new CSVRecordReader()) {
                reader.initialize(new FileSplit(file.toFile()));
                RecordReaderDataSetIterator iterator = new RecordReaderDataSetIterator(reader, numRows, labelIndex,
                        numClasses);
                return iterator.next();
            } catch (IOException | InterruptedException | RuntimeException e) {
                throw new DataUnavailableException("Cannot read CSV file " + file + " as numbers: " + e.getMessage(),
                        e);
            }
        }
    }
}
