package org.precis.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads a run's {@code results.json}, and its figures without the ones that differ from run to run (timings). */
final class ResultsFiles {

    /** Top-level entries that describe when and how a run was invoked, not what it measured. */
    static final List<String> SESSION_ENTRIES = List.of("createdAt", "resumedAt", "wallSeconds", "commandLine");
    /** Per-run entries measured with a clock or from the process, not from the network. */
    static final List<String> TIMING_ENTRIES = List.of("secondsPerEpoch", "residentMiBPerEpoch", "memoryPerEpoch");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsFiles() {
    }

    /** The parsed {@code results.json} of a run directory. */
    static JsonNode read(Path runDirectory) throws IOException {
        return JSON.readTree(runDirectory.resolve("results.json").toFile());
    }

    /** Everything a run measured about the networks: {@code results.json} without session and timing entries. */
    static JsonNode figures(Path runDirectory) throws IOException {
        ObjectNode root = (ObjectNode) read(runDirectory);
        SESSION_ENTRIES.forEach(root::remove);
        ((ObjectNode) root.get("machine")).remove("maxHeapMiB");
        for (JsonNode arm : root.get("arms")) {
            TIMING_ENTRIES.forEach(((ObjectNode) arm)::remove);
        }
        return root;
    }
}
