package org.precis.samples.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.util.ModelSerializer;
import org.precis.samples.arms.ConfiguredArm;
import org.precis.samples.report.HtmlPage;
import org.precis.samples.report.ResultsWriter;
import org.precis.samples.report.RunEnvironment;

/**
 * Writes the files of a search into its output directory:
 * <ul>
 *   <li>{@value ResultsWriter#RESULTS_JSON}: subcommand, configuration, versions, machine, the searched space,
 *       {@code "candidates"} ranked best first (fields of {@link RankedCandidate}) and {@code "best"};</li>
 *   <li>{@value #CANDIDATES_CSV}: one row per candidate, one column per hyperparameter;</li>
 *   <li>{@value #BEST_CONFIG}: the best configuration, which {@code compare --arm-config} and
 *       {@code noise --arm-config} train as an extra arm ({@link ConfiguredArm});</li>
 *   <li>{@value #BEST_MODEL}: the best trained network ({@code ModelSerializer}, with updater state);</li>
 *   <li>{@value #INDEX_HTML}: a page with the configuration and the ranked table.</li>
 * </ul>
 */
final class SearchReport {

    /** Ranked candidates as CSV. */
    static final String CANDIDATES_CSV = "candidates.csv";
    /** The best configuration, loadable by {@code --arm-config}. */
    static final String BEST_CONFIG = "best-config.json";
    /** The best trained network. */
    static final String BEST_MODEL = "best-model.zip";
    /** The HTML page. */
    static final String INDEX_HTML = "index.html";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SearchReport() {
    }

    /**
     * @param outDir        output directory (created if needed)
     * @param arm           the searched arm
     * @param configuration every option of the run, by name
     * @param spaceJson     the searched space as Arbiter's JSON
     * @param outcome       the search's outcome
     * @param wallSeconds   wall time of the whole search
     */
    static void write(Path outDir, String arm, Map<String, Object> configuration, String spaceJson,
            ArbiterSearch.Outcome outcome, double wallSeconds) throws IOException {
        Files.createDirectories(outDir);
        RankedCandidate best = outcome.ranked().get(0);
        String bestName = arm + ConfiguredArm.SEARCHED_SUFFIX;

        Map<String, Object> bestEntry = new LinkedHashMap<>();
        bestEntry.put("index", best.index());
        bestEntry.put("validationAccuracy", best.validationAccuracy());
        bestEntry.put("hyperparameters", best.hyperparameters());
        bestEntry.put("configFile", BEST_CONFIG);
        bestEntry.put("modelFile", BEST_MODEL);

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("subcommand", "search");
        root.put("createdAt", Instant.now().toString());
        root.put("configuration", configuration);
        root.put("versions", RunEnvironment.versions());
        root.put("machine", RunEnvironment.machine());
        root.put("wallSeconds", wallSeconds);
        root.put("searchSpace", JSON.readTree(spaceJson));
        root.put("candidates", outcome.ranked());
        root.put("best", bestEntry);
        JSON.writeValue(outDir.resolve(ResultsWriter.RESULTS_JSON).toFile(), root);

        JsonNode bestConfiguration = JSON.readTree(outcome.bestConfiguration().toJson());
        ConfiguredArm.save(outDir.resolve(BEST_CONFIG), bestName, arm, best.validationAccuracy(),
                best.hyperparameters(), bestConfiguration);
        ModelSerializer.writeModel(outcome.bestModel(), outDir.resolve(BEST_MODEL).toFile(), true);

        List<String> columns = hyperparameterColumns(outcome.ranked());
        writeCsv(outDir.resolve(CANDIDATES_CSV), outcome.ranked(), columns);
        writeHtml(outDir.resolve(INDEX_HTML), arm, configuration, outcome.ranked(), columns, wallSeconds);
    }

    private static List<String> hyperparameterColumns(List<RankedCandidate> ranked) {
        Set<String> names = new LinkedHashSet<>();
        ranked.forEach(c -> names.addAll(c.hyperparameters().keySet()));
        return new ArrayList<>(names);
    }

    private static void writeCsv(Path file, List<RankedCandidate> ranked, List<String> columns) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.println("rank,index,status,validationAccuracy,seconds," + String.join(",", columns) + ",error");
            for (RankedCandidate c : ranked) {
                List<String> cells = new ArrayList<>(List.of(Integer.toString(c.rank()), Integer.toString(c.index()),
                        c.status(), number(c.validationAccuracy(), "%.6f"), number(c.seconds(), "%.3f")));
                for (String column : columns) {
                    cells.add(csv(String.valueOf(c.hyperparameters().getOrDefault(column, ""))));
                }
                cells.add(csv(c.error() == null ? "" : c.error()));
                out.println(String.join(",", cells));
            }
        }
    }

    private static void writeHtml(Path file, String arm, Map<String, Object> configuration,
            List<RankedCandidate> ranked, List<String> columns, double wallSeconds) throws IOException {
        List<String> headers = new ArrayList<>(List.of("rank", "candidate", "validation accuracy", "seconds"));
        headers.addAll(columns);
        List<List<String>> rows = new ArrayList<>();
        for (RankedCandidate c : ranked) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(c.rank()), Integer.toString(c.index()),
                    c.validationAccuracy() == null ? "failed: " + c.error() : number(c.validationAccuracy(), "%.4f"),
                    number(c.seconds(), "%.1f")));
            columns.forEach(col -> row.add(String.valueOf(c.hyperparameters().getOrDefault(col, ""))));
            rows.add(row);
        }
        new HtmlPage("Precis search: " + arm)
                .paragraph(String.format(Locale.ROOT, "%d candidates in %.0f s; scored by accuracy on the validation "
                        + "part of the training data (the test set is not used).", ranked.size(), wallSeconds))
                .heading("Candidates, best first")
                .table(headers, rows)
                .links("Files:", List.of(ResultsWriter.RESULTS_JSON, CANDIDATES_CSV, BEST_CONFIG, BEST_MODEL))
                .heading("Configuration")
                .keyValues(configuration)
                .write(file);
    }

    private static String number(Double value, String format) {
        return value == null ? "" : String.format(Locale.ROOT, format, value);
    }

    private static String csv(String cell) {
        return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
