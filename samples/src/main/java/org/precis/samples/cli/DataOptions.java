package org.precis.samples.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.precis.data.TrainTestData;
import org.precis.data.csv.CsvDataSets;
import org.precis.data.fashion.FashionMnist;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Which data a subcommand trains and tests on. */
public class DataOptions {

    /** Value of {@code --data} for the full Fashion-MNIST data set. */
    public static final String FASHION_MNIST = "fashion-mnist";
    /** Value of {@code --data} for the shipped 2,000/500-image slice. */
    public static final String FIXTURE = "fixture";
    /** Prefix of {@code --data} values naming a CSV file. */
    public static final String CSV_PREFIX = "csv:";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "SOURCE", defaultValue = FASHION_MNIST,
            description = "fashion-mnist (default), fixture (a 2,000/500-image slice shipped in the jar), or "
                    + "csv:<path> (numeric CSV, no header, integer class label in the last column).")
    String data;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory of the Fashion-MNIST IDX .gz files (default: $" + FashionMnist.DATA_DIR_ENV
                    + " or " + FashionMnist.DEBIAN_DIRECTORY + ").")
    Path dataDir;

    @Option(names = "--train-limit", paramLabel = "N",
            description = "Use only the first N training examples (default: all).")
    Integer trainLimit;

    @Option(names = "--label-column", paramLabel = "N", defaultValue = "-1",
            description = "CSV only: 0-based index of the label column; negative counts from the end "
                    + "(default: -1, the last column).")
    int labelColumn;

    @Option(names = "--test-csv", paramLabel = "PATH",
            description = "CSV only: a separate test file (default: hold out 20%% of the rows, chosen by the first "
                    + "seed).")
    Path testCsv;

    /** Whether {@code --train-limit} was given on the command line. */
    public boolean trainLimitGiven() {
        return trainLimit != null;
    }

    /** Overrides the training-set limit (for presets such as {@code noise --quick}). */
    public void setTrainLimit(int limit) {
        this.trainLimit = limit;
    }

    /** Checks the data options without reading any data. */
    public void validate() {
        if (!data.equals(FASHION_MNIST) && !data.equals(FIXTURE) && !data.startsWith(CSV_PREFIX)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--data': '" + data
                    + "' (expected fashion-mnist, fixture or csv:<path>)");
        }
        if (data.startsWith(CSV_PREFIX) && data.length() == CSV_PREFIX.length()) {
            throw new ParameterException(spec.commandLine(), "Option '--data csv:<path>' needs a path after 'csv:'");
        }
        if (trainLimit != null && trainLimit <= 0) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--train-limit': "
                    + trainLimit + " (must be positive)");
        }
        if (testCsv != null && !data.startsWith(CSV_PREFIX)) {
            throw new ParameterException(spec.commandLine(), "Option '--test-csv' needs '--data csv:<path>'");
        }
    }

    /**
     * Reads the selected data.
     *
     * @param splitSeed seed of the train/test split of a single CSV file
     * @throws org.precis.data.DataUnavailableException naming the path at fault
     */
    public TrainTestData load(long splitSeed) {
        TrainTestData loaded;
        if (data.equals(FIXTURE)) {
            loaded = FashionMnist.fixture();
        } else if (data.equals(FASHION_MNIST)) {
            loaded = FashionMnist.load(dataDir != null ? dataDir : FashionMnist.defaultDirectory());
        } else {
            Path csv = Path.of(data.substring(CSV_PREFIX.length()));
            loaded = testCsv != null ? CsvDataSets.load(csv, testCsv, labelColumn)
                    : CsvDataSets.load(csv, labelColumn, splitSeed);
        }
        return trainLimit == null ? loaded : loaded.limitTrain(trainLimit);
    }

    /** The data options as recorded in {@code results.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("dataDir", dataDir == null ? null : dataDir.toString());
        m.put("trainLimit", trainLimit);
        if (data.startsWith(CSV_PREFIX)) {
            m.put("labelColumn", labelColumn);
            m.put("testCsv", testCsv == null ? null : testCsv.toString());
        }
        return m;
    }
}
