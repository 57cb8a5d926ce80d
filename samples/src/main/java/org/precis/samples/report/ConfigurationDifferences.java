package org.precis.samples.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * The top-level entries in which two {@code results.json} configurations differ, described for a person: used to
 * refuse resuming a run with other options, or combining runs of different experiments.
 */
public final class ConfigurationDifferences {

    private ConfigurationDifferences() {
    }

    /**
     * @param reference the configuration compared against (the saved run, the first of several)
     * @param here      the configuration of this command or of the run being added
     * @param referenceName what to call the reference in the text, for example {@code "in the run"}
     * @param ignored   entries allowed to differ
     * @return one {@code "epochs: 5 here, 3 in the run"} per differing entry, in the reference's order then the
     *         new entries'; empty when the configurations agree
     */
    public static List<String> between(JsonNode reference, JsonNode here, String referenceName,
            Collection<String> ignored) {
        List<String> names = new ArrayList<>();
        reference.fieldNames().forEachRemaining(names::add);
        for (Iterator<String> it = here.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        List<String> differences = new ArrayList<>();
        for (String name : names) {
            JsonNode a = reference.path(name);
            JsonNode b = here.path(name);
            if (!ignored.contains(name) && !a.equals(b)) {
                differences.add(name + ": " + text(b) + " here, " + text(a) + " " + referenceName);
            }
        }
        return differences;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() ? "(not set)" : node.toString();
    }
}
