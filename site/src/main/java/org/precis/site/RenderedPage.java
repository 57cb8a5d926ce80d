package org.precis.site;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One Markdown page rendered to an HTML fragment, before it is wrapped in the template.
 *
 * @param source     the Markdown file, relative to the docs root
 * @param title      the text of its first heading, or its file name if it has none
 * @param body       the HTML of its content, local {@code .md} links already rewritten to {@code .html}
 * @param references every local link and image, in document order
 * @param headingIds the {@code id} of every heading, the targets of {@code #fragment} links
 */
record RenderedPage(Path source, String title, String body, List<Reference> references, Set<String> headingIds) {

    RenderedPage {
        references = List.copyOf(references);
        headingIds = Set.copyOf(headingIds);
    }

    /** The HTML file this page is written to, relative to the output root. */
    Path output() {
        return DocsTree.htmlPath(source);
    }
}
