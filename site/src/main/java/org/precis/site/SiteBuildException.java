package org.precis.site;

import java.util.List;

/**
 * Thrown when the docs cannot be rendered into a sound site: each problem names the page and the reference at
 * fault, so the build log says what to fix.
 */
public final class SiteBuildException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The problems found, one line each. */
    private final List<String> problems;

    /**
     * @param problems one message per problem, each naming the page and the destination at fault
     */
    public SiteBuildException(List<String> problems) {
        super(problems.size() + " broken reference(s) in the docs:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * @return the problems, one message each
     */
    public List<String> problems() {
        return problems;
    }
}
