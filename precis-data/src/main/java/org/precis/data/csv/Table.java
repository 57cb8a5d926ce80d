package org.precis.data.csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.precis.data.DataUnavailableException;

/**
 * One CSV file after a first pass with DataVec's {@link CSVRecordReader} that learns its shape and checks every
 * cell; {@link #toDataSet} then reads it into arrays with DL4J's {@link RecordReaderDataSetIterator}.
 *
 * @param file        the file
 * @param numColumns  columns per row, label included
 * @param labelIndex  0-based index of the label column
 * @param numRows     rows read
 * @param labelCounts rows per label value, by label
 * @param firstRows   the first row (counted from 1) of each label value
 */
record Table(Path file, int numColumns, int labelIndex, int numRows, TreeMap<Integer, Integer> labelCounts,
        TreeMap<Integer, Integer> firstRows) {

    /** The largest label in the file. */
    int maxLabel() {
        return labelCounts.lastKey();
    }

    /**
     * Reads and checks a file.
     *
     * @throws DataUnavailableException naming the file, and the row and column of the first bad cell
     */
    static Table read(Path file, int labelColumn) {
        if (Files.isDirectory(file)) {
            throw new DataUnavailableException("CSV file " + file + " is a directory; give the path of a CSV file");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataUnavailableException("CSV file " + file + " does not exist");
        }
        int numColumns = -1;
        int labelIndex = -1;
        int row = 0;
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        TreeMap<Integer, Integer> firstRows = new TreeMap<>();
        try (RecordReader reader = new CSVRecordReader()) {
            reader.initialize(new FileSplit(file.toFile()));
            while (reader.hasNext()) {
                List<Writable> cells = reader.next();
                row++;
                if (numColumns < 0) {
                    numColumns = cells.size();
                    labelIndex = labelColumn < 0 ? numColumns + labelColumn : labelColumn;
                    if (numColumns < 2 || labelIndex < 0 || labelIndex >= numColumns) {
                        throw new DataUnavailableException("CSV file " + file + " has " + numColumns
                                + " column(s); label column " + labelColumn + " is not among them (or no feature "
                                + "column is left)");
                    }
                } else if (cells.size() != numColumns) {
                    throw new DataUnavailableException("CSV file " + file + ", row " + row + ": " + cells.size()
                            + " columns, the first row has " + numColumns);
                }
                for (int c = 0; c < numColumns; c++) {
                    if (c != labelIndex) {
                        checkFeature(file, row, c, cells.get(c).toString());
                    }
                }
                int label = parseLabel(file, row, labelIndex, cells.get(labelIndex).toString());
                counts.merge(label, 1, Integer::sum);
                firstRows.putIfAbsent(label, row);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (e instanceof DataUnavailableException d) {
                throw d;
            }
            throw new DataUnavailableException("Cannot read CSV file " + file + " (after row " + row + "): "
                    + e.getMessage(), e);
        }
        if (row == 0) {
            throw new DataUnavailableException("CSV file " + file + " holds no rows");
        }
        return new Table(file, numColumns, labelIndex, row, counts, firstRows);
    }

    private static void checkFeature(Path file, int row, int column, String text) {
        String cell = text.trim();
        if (cell.isEmpty()) {
            throw new DataUnavailableException(where(file, row, column) + " is empty; every feature must be a number");
        }
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new DataUnavailableException(where(file, row, column) + ": '" + text + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            throw new DataUnavailableException(where(file, row, column) + ": '" + text + "' is not a finite number; "
                    + "replace missing or infinite values before training");
        }
    }

    private static int parseLabel(Path file, int row, int column, String text) {
        try {
            int label = Integer.parseInt(text.trim());
            if (label < 0) {
                throw new NumberFormatException();
            }
            return label;
        } catch (NumberFormatException e) {
            throw new DataUnavailableException(where(file, row, column) + ": label '" + text + "' is not a class "
                    + "index (an integer >= 0)");
        }
    }

    /** "CSV file F, row R, column C" with both counted from 1. */
    static String where(Path file, int row, int column) {
        return String.format(Locale.ROOT, "CSV file %s, row %d, column %d", file, row, column + 1);
    }

    /** The whole file as one data set with {@code numClasses} one-hot label columns. */
    DataSet toDataSet(int numClasses) {
        try (RecordReader reader = new CSVRecordReader()) {
            reader.initialize(new FileSplit(file.toFile()));
            RecordReaderDataSetIterator iterator = new RecordReaderDataSetIterator(reader, numRows, labelIndex,
                    numClasses);
            return iterator.next();
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw new DataUnavailableException("Cannot read CSV file " + file + " as numbers: " + e.getMessage(), e);
        }
    }
}
