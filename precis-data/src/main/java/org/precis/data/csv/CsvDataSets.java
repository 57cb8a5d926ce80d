package org.precis.data.csv;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.precis.data.DataUnavailableException;
import org.precis.data.TrainTestData;

/**
 * Classification data from numeric CSV files without a header, read with DataVec's
 * {@link org.datavec.api.records.reader.impl.csv.CSVRecordReader} and DL4J's
 * {@link org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator}.
 *
 * <p>Features are used as they are (scale them beforehand); the label is an integer class index
 * {@code 0..K-1}, in the last column unless told otherwise. The number of classes K is one more than the largest
 * label seen in the files read.
 *
 * <p>Every cell is checked before any array is built: a feature must be a finite number, a label an integer
 * {@code >= 0}; the first bad cell is reported with its file, row and column (both counted from 1). The labels must
 * name at least two classes, and every class {@code 0..K-1} must occur: a stray label (one 7 among 0..2) would
 * otherwise silently add output classes that are never seen. A class that occurs only in the test file is noted
 * as a warning.
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
     * @throws DataUnavailableException naming the file, row and column of the first bad cell, or what is wrong with
     *                                  the labels as a whole
     */
    public static TrainTestData load(Path csv, int labelColumn, long seed) {
        Table table = Table.read(csv, labelColumn);
        ClassCounts.of(List.of(table)).check();
        DataSet all = table.toDataSet(table.maxLabel() + 1);
        if (all.numExamples() < 2) {
            throw new DataUnavailableException("CSV file " + csv + " needs at least 2 rows to split into training and "
                    + "test data, it has " + all.numExamples());
        }
        int numTrain = (int) Math.round(all.numExamples() * (1 - DEFAULT_TEST_FRACTION));
        numTrain = Math.max(1, Math.min(all.numExamples() - 1, numTrain));
        SplitTestAndTrain split = all.splitTestAndTrain(numTrain, new Random(seed));
        return new TrainTestData("CSV " + csv, split.getTrain(), split.getTest(), table.maxLabel() + 1);
    }

    /**
     * Reads a training file and a separate test file with the same columns.
     *
     * @param trainCsv    training rows
     * @param testCsv     test rows
     * @param labelColumn index of the label column; negative counts from the end (-1 = last)
     * @throws DataUnavailableException naming the file, row and column of the first bad cell, or what is wrong with
     *                                  the labels as a whole
     */
    public static TrainTestData load(Path trainCsv, Path testCsv, int labelColumn) {
        Table train = Table.read(trainCsv, labelColumn);
        Table test = Table.read(testCsv, labelColumn);
        if (train.numColumns() != test.numColumns()) {
            throw new DataUnavailableException("CSV files " + trainCsv + " and " + testCsv + " differ in width: "
                    + train.numColumns() + " and " + test.numColumns() + " columns");
        }
        ClassCounts.of(List.of(train, test)).check();
        int numClasses = Math.max(train.maxLabel(), test.maxLabel()) + 1;
        return new TrainTestData("CSV " + trainCsv + " / " + testCsv, train.toDataSet(numClasses),
                test.toDataSet(numClasses), numClasses);
    }
}
