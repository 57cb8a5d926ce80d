package org.precis.site;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks every local link and image of the rendered pages: the file or directory it names must exist inside the
 * docs tree, a link to a page must name a page of the tree, and a fragment ({@code #getting-started}) must be the id
 * of a heading of the page it points at. External links are not checked (the build has no network).
 */
final class LinkChecker {

    private final DocsTree tree;
    private final List<RenderedPage> pages;
    private final Map<Path, RenderedPage> pagesBySource;

    /**
     * @param tree  the docs tree the pages come from; not modified
     * @param pages every rendered page of the tree; not modified
     */
    LinkChecker(DocsTree tree, List<RenderedPage> pages) {
        this.tree = tree;
        this.pages = List.copyOf(pages);
        this.pagesBySource = pages.stream().collect(Collectors.toMap(RenderedPage::source, Function.identity()));
    }

    /**
     * Checks all references of all pages.
     *
     * @return one message per broken reference, naming the page and the destination, in page order; empty if all
     *         are sound
     */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (RenderedPage page : pages) {
            for (Reference reference : page.references()) {
                String problem = check(page, reference);
                if (problem != null) {
                    problems.add(DocsTree.slashed(page.source()) + ": " + reference.kind() + " '"
                            + destination(reference.link()) + "' " + problem);
                }
            }
        }
        return problems;
    }

    private String check(RenderedPage page, Reference reference) {
        LocalLink link = reference.link();
        RenderedPage target = page;
        if (!link.isSamePage()) {
            if (link.path().startsWith("/")) {
                return "is absolute; use a path relative to the page";
            }
            Path parent = page.source().getParent();
            Path relative = (parent == null ? Path.of(link.decodedPath()) : parent.resolve(link.decodedPath()))
                    .normalize();
            if (relative.startsWith("..")) {
                return "points outside the docs directory " + tree.root();
            }
            if (!tree.exists(relative)) {
                return "does not exist (looked for " + tree.root().resolve(relative) + ")";
            }
            target = link.isMarkdown() ? pagesBySource.get(relative) : null;
        }
        if (target != null && link.fragment() != null && !link.fragment().isEmpty()
                && !target.headingIds().contains(link.fragment())) {
            return "names no heading of " + DocsTree.slashed(target.source()) + " (its heading ids: "
                    + target.headingIds().stream().sorted().collect(Collectors.joining(", ")) + ")";
        }
        return null;
    }

    private static String destination(LocalLink link) {
        return link.path() + link.query() + (link.fragment() == null ? "" : "#" + link.fragment());
    }
}
