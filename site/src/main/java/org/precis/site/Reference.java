package org.precis.site;

/**
 * A local link or image found in a page, kept so that {@link LinkChecker} can verify its target.
 *
 * @param kind the element it came from
 * @param link the destination as written in the Markdown
 */
record Reference(Kind kind, LocalLink link) {

    /** Which Markdown element a reference comes from; named in error messages. */
    enum Kind {
        /** An inline or reference link. */
        LINK("link"),
        /** An image. */
        IMAGE("image");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }
}
