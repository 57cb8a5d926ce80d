package org.precis.site;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks every local link and image of the rendered pages: the file or directory it names must exist inside the
 * docs tree, a link to a page must name a page of the tree, and a fragment ({@code #getting-started}) must be the id
 * of a heading of the page it points at. External links are not checked (the build has no network).
 */
final class LinkChecker {

    private final DocsTree tree;
    private final Mounts mounts;
    private final List<RenderedPage> pages;
    private final Map<Path, RenderedPage> pagesBySource;
    private final HtmlIds htmlIds = new HtmlIds();

    /**
     * @param tree  the docs tree the pages come from; not modified
     * @param pages every rendered page of the tree; not modified
     */
    LinkChecker(DocsTree tree, List<RenderedPage> pages) {
        this(tree, Mounts.NONE, pages);
    }

    /**
     * @param tree   the docs tree the pages come from; not modified
     * @param mounts directories included in the site beside the tree, which pages may link into
     * @param pages  every rendered page of the tree; not modified
     */
    LinkChecker(DocsTree tree, Mounts mounts, List<RenderedPage> pages) {
        this.tree = tree;
        this.mounts = mounts;
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
            problems.addAll(problems(page));
        }
        return problems;
    }

    /**
     * Checks the references of one page, which need not be one of the tree's (the navigation is checked as a page
     * at the docs root).
     *
     * @param page the page; not modified
     * @return one message per broken reference, naming the page and the destination
     */
    List<String> problems(RenderedPage page) {
        List<String> problems = new ArrayList<>();
        for (Reference reference : page.references()) {
            String problem = check(page, reference);
            if (problem != null) {
                problems.add(DocsTree.slashed(page.source()) + ": " + reference.kind() + " '"
                        + destination(reference.link()) + "' " + problem);
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
            Optional<Path> mounted = mounts.resolve(relative);
            if (mounted.isPresent()) {
                return checkMounted(mounted.get(), link.fragment());
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

    /** A link into a mounted directory: the file must exist, a fragment of an HTML file must be an element's id. */
    /** @return the id cache of mounted HTML files, shared with the check of the mounted files' own links */
    HtmlIds htmlIds() {
        return htmlIds;
    }

    private String checkMounted(Path file, String fragment) {
        if (!Files.exists(file)) {
            return "does not exist (looked for " + file + ")";
        }
        if (fragment == null || fragment.isEmpty() || !file.getFileName().toString().endsWith(".html")) {
            return null;
        }
        Set<String> ids = htmlIds.of(file);
        return ids.contains(fragment) || ids.contains(LocalLink.decode(fragment)) ? null
                : "names no element id of " + file;
    }

    private static String destination(LocalLink link) {
        return link.path() + link.query() + (link.fragment() == null ? "" : "#" + link.fragment());
    }
}
