package org.precis.samples.autoencode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.precis.samples.report.ConfigurationDifferences;

/**
 * The figures of each seed of an {@code autoencode} experiment: what one run trains seed after seed, or what
 * {@code autoencode --combine} reads back from several runs of the same experiment with different seeds (for
 * example one per machine, or one per core).
 *
 * @param configuration the experiment's configuration as written to {@code results.json}
 * @param runs          one entry per seed: {@code seed}, {@code pixelProbeAccuracy}, {@code meanImageMse}, and
 *                      {@code models} (the {@link ModelReport}s)
 * @param reports       the model reports of each seed, in the order of {@code runs}
 * @param meanImageMse  the mean-image reconstruction error of each seed
 * @param pictures      combined runs: the picture files the first run lists (empty for a run about to train)
 */
record SeedRuns(Map<String, Object> configuration, List<Map<String, Object>> runs, List<List<ModelReport>> reports,
        List<Double> meanImageMse, List<String> pictures) {

    /** Configuration entries that may differ between the runs being combined. */
    private static final List<String> PER_RUN_ENTRIES = List.of("seeds");

    /** An empty collection for a run about to train. */
    static SeedRuns starting() {
        return new SeedRuns(new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
    }

    /** Records one trained seed. */
    void add(long seed, double pixelProbeAccuracy, double meanImageMseOfSeed, List<ModelReport> models) {
        runs.add(runEntry(seed, pixelProbeAccuracy, meanImageMseOfSeed, models));
        reports.add(models);
        meanImageMse.add(meanImageMseOfSeed);
    }

    /**
     * The runs so far with the seed in progress: its finished models only.
     *
     * @param seed the seed being trained
     * @param pixelProbeAccuracy that seed's raw-pixel probe accuracy
     * @param meanImageMseOfSeed that seed's mean-image reconstruction error
     * @param finishedModels the models of that seed finished so far
     */
    List<Map<String, Object>> withSeedInProgress(long seed, double pixelProbeAccuracy, double meanImageMseOfSeed,
            List<ModelReport> finishedModels) {
        List<Map<String, Object>> all = new ArrayList<>(runs);
        all.add(runEntry(seed, pixelProbeAccuracy, meanImageMseOfSeed, List.copyOf(finishedModels)));
        return all;
    }

    /** One seed's entry of {@code "runs"} in {@code results.json}. */
    private static Map<String, Object> runEntry(long seed, double pixelProbeAccuracy, double meanImageMseOfSeed,
            List<ModelReport> models) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seed", seed);
        r.put("pixelProbeAccuracy", pixelProbeAccuracy);
        r.put("meanImageMse", meanImageMseOfSeed);
        r.put("models", models);
        return r;
    }

    /** The seeds, in order. */
    List<Long> seeds() {
        return runs.stream().map(r -> ((Number) r.get("seed")).longValue()).toList();
    }

    /**
     * Reads the {@code results.json} of each directory and puts their seeds together.
     *
     * @throws IllegalArgumentException naming the directory at fault when a file is missing or not from
     *         {@code autoencode}, when a configuration differs from the first one's (other than its seeds, naming
     *         every entry that differs), when the models differ, or when a seed occurs twice
     */
    static SeedRuns combine(List<Path> directories, ObjectMapper json) throws IOException {
        SeedRuns combined = starting();
        JsonNode first = null;
        Path firstDirectory = null;
        for (Path directory : directories) {
            Path file = directory.resolve("results.json");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(directory + " holds no results.json");
            }
            JsonNode root = json.readTree(file.toFile());
            if (root == null || !"autoencode".equals(root.path("subcommand").asText())) {
                throw new IllegalArgumentException(file + " is not the results of 'autoencode'");
            }
            if (!root.path("complete").asBoolean(true)) {
                throw new IllegalArgumentException(file + " is the record of an unfinished run (\"complete\": "
                        + "false); run its seed again");
            }
            if (!root.path("runs").isArray() || root.path("runs").isEmpty()) {
                throw new IllegalArgumentException(file + " has no finished runs");
            }
            JsonNode configuration = root.path("configuration");
            if (first == null) {
                first = configuration;
                firstDirectory = directory;
                root.path("pictures").forEach(picture -> combined.pictures.add(picture.asText()));
            } else {
                List<String> differences = ConfigurationDifferences.between(first, configuration, "in the first",
                        PER_RUN_ENTRIES);
                if (!differences.isEmpty()) {
                    throw new IllegalArgumentException(directory + " is a different experiment from "
                            + firstDirectory + ": " + String.join("; ", differences));
                }
            }
            for (JsonNode run : root.path("runs")) {
                long seed = run.path("seed").asLong();
                if (combined.seeds().contains(seed)) {
                    throw new IllegalArgumentException("seed " + seed + " occurs twice (again in " + file + ")");
                }
                List<ModelReport> models = new ArrayList<>();
                for (JsonNode model : run.path("models")) {
                    models.add(json.treeToValue(model, ModelReport.class));
                }
                combined.add(seed, run.path("pixelProbeAccuracy").asDouble(), run.path("meanImageMse").asDouble(),
                        models);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> configuration = json.convertValue(first, LinkedHashMap.class);
        configuration.put("seeds", combined.seeds());
        configuration.put("combinedFrom", directories.stream().map(Path::toString).toList());
        combined.configuration.putAll(configuration);
        return combined;
    }
}
