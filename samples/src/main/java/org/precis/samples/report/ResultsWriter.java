package org.precis.samples.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.precis.samples.experiment.ArmResult;
import org.precis.samples.experiment.MemoryUse;

/**
 * Writes {@code results.json} and {@code per-epoch.csv} of a run, each atomically (see {@link AtomicFiles}).
 *
 * <p>{@code results.json} follows the command-line contract of {@code DESIGN.md}: the subcommand, the full
 * configuration, library versions, machine, and one {@code "arms"} entry per (arm, seed) with the fields of
 * {@link ArmResult}. {@link ResultsStore} keeps it up to date while an experiment runs.
 */
public final class ResultsWriter {

    /** Name of the JSON file in the output directory. */
    public static final String RESULTS_JSON = "results.json";

    /** Name of the per-epoch CSV file in the output directory. */
    public static final String PER_EPOCH_CSV = "per-epoch.csv";

    /** The JSON mapper of every results file (indented, so that people can read it). */
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsWriter() {
    }

    /**
     * Writes {@code results.json} with the common header (subcommand, time, configuration, versions, machine)
     * followed by the subcommand's own entries; creates {@code outDir} if needed.
     */
    public static void writeJson(Path outDir, String subcommand, Map<String, Object> configuration,
            Map<String, Object> entries) throws IOException {
        Map<String, Object> root = header(subcommand, Instant.now().toString(), configuration);
        root.putAll(entries);
        writeJson(outDir, root);
    }

    /** The header every {@code results.json} starts with. */
    static Map<String, Object> header(String subcommand, String createdAt, Map<String, Object> configuration) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("subcommand", subcommand);
        root.put("createdAt", createdAt);
        root.put("configuration", configuration);
        root.put("versions", RunEnvironment.versions());
        root.put("machine", RunEnvironment.machine());
        return root;
    }

    /** Writes a whole {@code results.json} atomically; creates {@code outDir} if needed. */
    static void writeJson(Path outDir, Map<String, Object> root) throws IOException {
        Files.createDirectories(outDir);
        AtomicFiles.write(outDir.resolve(RESULTS_JSON), out -> JSON.writeValue(out, root));
    }

    /** Writes {@code per-epoch.csv}: one row per run and epoch, atomically. */
    static void writeCsv(Path file, List<ArmResult> results) throws IOException {
        AtomicFiles.write(file, stream -> {
            PrintWriter out = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            out.println("arm,seed,labelNoise,inputNoise,epoch,testAccuracy,trainLoss,trainingLoss,seconds,"
                    + "residentMiB,heapCommittedMiB,heapAfterGcMiB,nd4jArraysMiB,nd4jWorkspacesMiB,javacppMiB");
            for (ArmResult r : results) {
                for (int e = 0; e < r.testAccuracyPerEpoch().size(); e++) {
                    out.printf(Locale.ROOT, "%s,%d,%s,%s,%d,%.6f,%.6f,%s,%.3f,%s,%s%n", r.name(), r.seed(),
                            r.labelNoise(), r.inputNoise(), e + 1, r.testAccuracyPerEpoch().get(e),
                            r.trainLossPerEpoch().get(e), r.trainingLoss(), r.secondsPerEpoch().get(e),
                            e < r.residentMiBPerEpoch().size() ? mebibytes(r.residentMiBPerEpoch().get(e)) : "",
                            e < r.memoryPerEpoch().size() ? memoryColumns(r.memoryPerEpoch().get(e)) : ",,,,");
                }
            }
            out.flush();
        });
    }

    /** The heap and ND4J columns of one epoch's memory sample. */
    private static String memoryColumns(MemoryUse m) {
        return String.join(",", mebibytes(m.heapCommittedMiB()), mebibytes(m.heapAfterGcMiB()),
                mebibytes(m.nd4jArraysMiB()), mebibytes(m.nd4jWorkspacesMiB()), mebibytes(m.javacppMiB()));
    }

    /** One decimal, or empty where the figure is unknown. */
    private static String mebibytes(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f", value);
    }
}
