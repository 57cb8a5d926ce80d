package org.precis.samples.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.precis.samples.experiment.ArmResult;
import org.precis.samples.experiment.RunKey;
import org.precis.samples.experiment.RunLedger;

/**
 * The {@code results.json} and {@code per-epoch.csv} of a {@code compare} or {@code noise} experiment, kept up to
 * date while it runs: written before the first run (so a bad output directory fails at once), rewritten atomically
 * after every finished run, and completed with the summary at the end. {@code "complete"} says whether every
 * planned run is in it; {@code "runsFinished"} and {@code "runsPlanned"} how far it got.
 *
 * <p>Resuming reads an existing file back, checks that the experiment about to run has the same configuration,
 * and serves its finished runs to the {@link org.precis.samples.experiment.Experiment}, which skips them.
 */
public final class ResultsStore implements RunLedger {

    private final Path directory;
    private final Map<String, Object> header;
    private final Map<String, Object> armDetails;
    private final int runsPlanned;
    private final List<String> resumedAt;
    private final double earlierWallSeconds;
    private final long sessionStart = System.nanoTime();
    private final Map<RunKey, ArmResult> finished = new LinkedHashMap<>();

    private ResultsStore(Path directory, Map<String, Object> header, Map<String, Object> armDetails, int runsPlanned,
            List<String> resumedAt, double earlierWallSeconds) {
        this.directory = directory;
        this.header = header;
        this.armDetails = armDetails;
        this.runsPlanned = runsPlanned;
        this.resumedAt = resumedAt;
        this.earlierWallSeconds = earlierWallSeconds;
    }

    /**
     * Starts the results of a new experiment: writes {@code results.json} with its configuration and no runs yet.
     *
     * @param directory     the output directory (created if needed)
     * @param subcommand    {@code compare} or {@code noise}
     * @param configuration every option of the experiment, by name
     * @param armDetails    per arm name, its description and hyperparameters
     * @param runsPlanned   how many runs the experiment has
     * @param commandLine   the arguments it was started with, for the record
     */
    public static ResultsStore create(Path directory, String subcommand, Map<String, Object> configuration,
            Map<String, Object> armDetails, int runsPlanned, List<String> commandLine) throws IOException {
        Map<String, Object> header = ResultsWriter.header(subcommand, Instant.now().toString(), configuration);
        header.put("commandLine", commandLine);
        ResultsStore store = new ResultsStore(directory, header, armDetails, runsPlanned, List.of(), 0);
        store.write(false, Map.of());
        return store;
    }

    /** Whether {@code directory} holds an experiment's {@code results.json} to resume. */
    public static boolean exists(Path directory) {
        return Files.isRegularFile(directory.resolve(ResultsWriter.RESULTS_JSON));
    }

    /**
     * Opens the results of an interrupted experiment to continue it.
     *
     * @param configuration the configuration of the experiment about to run; must equal the saved one
     * @throws IllegalArgumentException naming every option whose value differs from the saved run's, or when the
     *                                  file is not the results of a {@code subcommand}
     */
    public static ResultsStore resume(Path directory, String subcommand, Map<String, Object> configuration,
            Map<String, Object> armDetails, int runsPlanned) throws IOException {
        JsonNode saved = ResultsWriter.JSON.readTree(directory.resolve(ResultsWriter.RESULTS_JSON).toFile());
        if (saved == null || !subcommand.equals(saved.path("subcommand").asText())) {
            throw new IllegalArgumentException("its results.json is not from '" + subcommand + "' (it says '"
                    + (saved == null ? "" : saved.path("subcommand").asText()) + "')");
        }
        List<String> differences = ConfigurationDifferences.between(saved.path("configuration"),
                ResultsWriter.JSON.readTree(ResultsWriter.JSON.writeValueAsBytes(configuration)), "in the run",
                List.of());
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("this command's options differ from the run being resumed: "
                    + String.join("; ", differences) + ". Resume with the options the run was started with");
        }
        Map<String, Object> header = ResultsWriter.header(subcommand, saved.path("createdAt").asText(),
                configuration);
        header.put("commandLine", ResultsWriter.JSON.convertValue(saved.path("commandLine"), List.class));
        List<String> resumedAt = new ArrayList<>();
        saved.path("resumedAt").forEach(t -> resumedAt.add(t.asText()));
        resumedAt.add(Instant.now().toString());
        ResultsStore store = new ResultsStore(directory, header, armDetails, runsPlanned, resumedAt,
                saved.path("wallSeconds").asDouble(0));
        for (JsonNode arm : saved.path("arms")) {
            ArmResult result = ResultsWriter.JSON.treeToValue(arm, ArmResult.class);
            store.finished.put(result.key(), result);
        }
        return store;
    }

    @Override
    public Optional<ArmResult> finished(RunKey key) {
        return Optional.ofNullable(finished.get(key));
    }

    @Override
    public void record(ArmResult result) {
        finished.put(result.key(), result);
        try {
            write(false, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + directory.resolve(ResultsWriter.RESULTS_JSON) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Runs the experiment has in all. */
    public int runsPlanned() {
        return runsPlanned;
    }

    /** Runs recorded so far (from earlier sessions too), in the order they finished. */
    public int runsFinished() {
        return finished.size();
    }

    /** Wall time of this experiment so far, over every session that worked on it. */
    public double wallSeconds() {
        return earlierWallSeconds + (System.nanoTime() - sessionStart) / 1e9;
    }

    /**
     * Writes the finished experiment: every run in {@code results} order, and the subcommand's summary entries.
     *
     * @param results one result per planned run
     * @param extra   further top-level entries (such as a sweep's {@code "summary"} and {@code "verdicts"})
     */
    public void complete(List<ArmResult> results, Map<String, Object> extra) throws IOException {
        finished.clear();
        results.forEach(r -> finished.put(r.key(), r));
        write(results.size() == runsPlanned, extra);
    }

    private void write(boolean complete, Map<String, Object> extra) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>(header);
        root.put("complete", complete);
        root.put("runsPlanned", runsPlanned);
        root.put("runsFinished", finished.size());
        if (!resumedAt.isEmpty()) {
            root.put("resumedAt", resumedAt);
        }
        root.put("wallSeconds", wallSeconds());
        root.put("armDetails", armDetails);
        List<ArmResult> runs = new ArrayList<>(finished.values());
        root.put("arms", runs);
        root.putAll(extra);
        ResultsWriter.writeJson(directory, root);
        ResultsWriter.writeCsv(directory.resolve(ResultsWriter.PER_EPOCH_CSV), runs);
    }
}
