package org.precis.samples.verdict;

import com.fasterxml.jackson.annotation.JsonValue;

/** The outcome of testing one claim against the figures. */
public enum Verdict {
    /** The figures support the claim beyond the spread over seeds. */
    HOLDS("holds"),
    /** The figures contradict the claim beyond the spread over seeds. */
    DOES_NOT_HOLD("does not hold"),
    /** The difference the claim is about is smaller than the spread over seeds. */
    WITHIN_SEED_SPREAD("within the seed spread"),
    /** Each side has one seed: the spread over seeds is unknown, so no difference can be judged against it. */
    UNDECIDED("undecided (one seed)"),
    /** An arm or setting the claim needs was not run. */
    NOT_MEASURED("not measured");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    /** The verdict as written in reports. */
    @JsonValue
    public String text() {
        return text;
    }
}
