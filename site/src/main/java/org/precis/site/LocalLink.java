package org.precis.site;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A link or image destination that points inside the site: a relative path, an optional fragment, or both
 * ({@code results.md#full-run}, {@code img/plot.png}, {@code #do-not}). External destinations (with a scheme such as
 * {@code https:} or {@code mailto:}, or protocol-relative {@code //host}) are not local links.
 *
 * @param path     the path part as written (still URL-encoded), empty for a same-page fragment
 * @param query    the query part including its {@code ?}, or empty
 * @param fragment the fragment without its {@code #}, or {@code null} if there is none
 */
record LocalLink(String path, String query, String fragment) {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    /**
     * Parses a destination.
     *
     * @param destination the destination as written in the Markdown
     * @return the local link, or empty if the destination is external or empty
     */
    static Optional<LocalLink> parse(String destination) {
        if (destination == null || destination.isEmpty() || destination.startsWith("//")
                || SCHEME.matcher(destination).find()) {
            return Optional.empty();
        }
        String rest = destination;
        String fragment = null;
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
        }
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question);
            rest = rest.substring(0, question);
        }
        return Optional.of(new LocalLink(rest, query, fragment));
    }

    /** Whether the link points at a Markdown page (and so must be rewritten to its HTML page). */
    boolean isMarkdown() {
        return path.endsWith(DocsTree.MARKDOWN_SUFFIX);
    }

    /** Whether the link is only a fragment of the page it is on. */
    boolean isSamePage() {
        return path.isEmpty();
    }

    /** The path with percent-escapes decoded ({@code my%20plot.png -> my plot.png}); the raw path if malformed. */
    String decodedPath() {
        return decode(path);
    }

    /**
     * @param text part of a URL
     * @return {@code text} with its percent-escapes decoded, or as it is if they are malformed
     */
    static String decode(String text) {
        try {
            // An opaque URI of a dummy scheme decodes any part of a URL, slashes and all.
            return new URI("x:" + text).getSchemeSpecificPart();
        } catch (URISyntaxException e) {
            return text;
        }
    }

    /** The destination to write in the HTML: {@code .md} replaced by {@code .html}, query and fragment kept. */
    String toHtmlDestination() {
        String htmlPath = isMarkdown()
                ? path.substring(0, path.length() - DocsTree.MARKDOWN_SUFFIX.length()) + ".html"
                : path;
        return htmlPath + query + (fragment == null ? "" : "#" + fragment);
    }
}
