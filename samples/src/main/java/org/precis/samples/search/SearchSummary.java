package org.precis.samples.search;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The printed summary of a search: the best candidates with their hyperparameters, one line each. */
final class SearchSummary {

    /** Candidates shown; the CSV and HTML list all. */
    static final int SHOWN = 10;

    private SearchSummary() {
    }

    static String format(List<RankedCandidate> ranked) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-5s %-9s %-8s %-8s %s%n", "rank",
                "candidate", "val.acc", "seconds", "hyperparameters"));
        for (RankedCandidate c : ranked.subList(0, Math.min(SHOWN, ranked.size()))) {
            s.append(String.format(Locale.ROOT, "%-5d %-9d %-8s %-8s %s%n", c.rank(), c.index(),
                    c.validationAccuracy() == null ? "failed" : String.format(Locale.ROOT, "%.4f",
                            c.validationAccuracy()),
                    c.seconds() == null ? "" : String.format(Locale.ROOT, "%.1f", c.seconds()),
                    c.error() != null ? c.error() : describe(c.hyperparameters())));
        }
        if (ranked.size() > SHOWN) {
            s.append(String.format(Locale.ROOT, "... %d more in candidates.csv%n", ranked.size() - SHOWN));
        }
        return s.toString();
    }

    private static String describe(Map<String, Object> hyperparameters) {
        StringBuilder s = new StringBuilder();
        hyperparameters.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append('=')
                .append(v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : v));
        return s.toString();
    }
}
