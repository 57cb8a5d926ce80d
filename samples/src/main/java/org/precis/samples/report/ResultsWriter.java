package org.precis.samples.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.precis.samples.experiment.ArmResult;

/**
 * Writes {@code results.json} and {@code per-epoch.csv} of a run.
 *
 * <p>{@code results.json} follows the command-line contract of {@code DESIGN.md}: the subcommand, the full
 * configuration, library versions, machine, and one {@code "arms"} entry per (arm, seed) with the fields of
 * {@link ArmResult}.
 */
public final class ResultsWriter {

    /** Name of the JSON file in the output directory. */
    public static final String RESULTS_JSON = "results.json";

    /** Name of the per-epoch CSV file in the output directory. */
    public static final String PER_EPOCH_CSV = "per-epoch.csv";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsWriter() {
    }

    /**
     * Writes both files into {@code outDir} (created if needed).
     *
     * @param subcommand    the subcommand that ran
     * @param configuration every option of the run, by name
     * @param armDetails    per arm name, its description and hyperparameters
     * @param results       one entry per (arm, seed, noise setting)
     * @param extra         further top-level entries (such as a sweep's {@code "summary"} and {@code "verdicts"})
     */
    public static void write(Path outDir, String subcommand, Map<String, Object> configuration,
            Map<String, Object> armDetails, List<ArmResult> results, Map<String, Object> extra) throws IOException {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("armDetails", armDetails);
        entries.put("arms", results);
        entries.putAll(extra);
        writeJson(outDir, subcommand, configuration, entries);
        writeCsv(outDir.resolve(PER_EPOCH_CSV), results);
    }

    /**
     * Writes {@code results.json} with the common header (subcommand, time, configuration, versions, machine)
     * followed by the subcommand's own entries; creates {@code outDir} if needed.
     */
    public static void writeJson(Path outDir, String subcommand, Map<String, Object> configuration,
            Map<String, Object> entries) throws IOException {
        Files.createDirectories(outDir);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("subcommand", subcommand);
        root.put("createdAt", Instant.now().toString());
        root.put("configuration", configuration);
        root.put("versions", RunEnvironment.versions());
        root.put("machine", RunEnvironment.machine());
        root.putAll(entries);
        JSON.writeValue(outDir.resolve(RESULTS_JSON).toFile(), root);
    }

    private static void writeCsv(Path file, List<ArmResult> results) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.println("arm,seed,labelNoise,inputNoise,epoch,testAccuracy,trainLoss,seconds");
            for (ArmResult r : results) {
                for (int e = 0; e < r.testAccuracyPerEpoch().size(); e++) {
                    out.printf(Locale.ROOT, "%s,%d,%s,%s,%d,%.6f,%.6f,%.3f%n", r.name(), r.seed(), r.labelNoise(),
                            r.inputNoise(), e + 1, r.testAccuracyPerEpoch().get(e), r.trainLossPerEpoch().get(e),
                            r.secondsPerEpoch().get(e));
                }
            }
        }
    }
}
