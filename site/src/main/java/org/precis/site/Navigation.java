package org.precis.site;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * The site's navigation: a list of links and of named groups of links, read from a Markdown bullet list whose items
 * are links (a page, or any file of the site such as a Javadoc index) or plain text followed by a nested list (a
 * group). Short labels here keep the sidebar readable while pages keep their long titles.
 *
 * <pre>
 * - [Home](index.md)
 * - User guides
 *   - [Predictive-coding layers](pc-layers.md)
 * </pre>
 *
 * Pages the list does not name are added at the end under {@link #MORE}, so a new page is never unreachable.
 *
 * @param entries the top-level entries, in order
 */
record Navigation(List<Entry> entries) {

    /** Label of the group that collects the pages the navigation file does not name. */
    static final String MORE = "More";

    Navigation {
        entries = List.copyOf(entries);
    }

    /**
     * One link or group.
     *
     * @param label    the text shown
     * @param target   the destination relative to the docs root ({@code guide.md}, {@code api/index.html}), or null
     *                 for a group
     * @param children the group's links (empty for a link)
     */
    record Entry(String label, String target, List<Entry> children) {
        Entry {
            children = List.copyOf(children);
        }
    }

    /**
     * A navigation listing every page under its title, in the given order, as when there is no navigation file.
     *
     * @param pages the rendered pages, index first
     * @return the navigation
     */
    static Navigation ofPages(List<RenderedPage> pages) {
        return new Navigation(pages.stream()
                .map(p -> new Entry(p.title(), DocsTree.slashed(p.source()), List.of())).toList());
    }

    /**
     * Reads a navigation file.
     *
     * @param markdown the file's text
     * @return the navigation
     * @throws IllegalArgumentException if an item is neither a link nor a label with a nested list
     */
    static Navigation parse(String markdown) {
        Node document = Parser.builder().build().parse(markdown);
        List<Entry> entries = new ArrayList<>();
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof BulletList list) {
                entries.addAll(items(list));
            }
        }
        return new Navigation(entries);
    }

    /**
     * This navigation with every page it does not link added at the end, in a group {@link #MORE}.
     *
     * @param pages every page of the site
     * @return the completed navigation
     */
    Navigation withUnlisted(List<RenderedPage> pages) {
        Set<String> listed = new HashSet<>();
        targets().forEach(listed::add);
        List<Entry> more = pages.stream()
                .filter(p -> !listed.contains(DocsTree.slashed(p.source())))
                .map(p -> new Entry(p.title(), DocsTree.slashed(p.source()), List.of()))
                .toList();
        if (more.isEmpty()) {
            return this;
        }
        List<Entry> all = new ArrayList<>(entries);
        all.add(new Entry(MORE, null, more));
        return new Navigation(all);
    }

    /** @return the target of every link, groups' links included, in order */
    List<String> targets() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.target() != null) {
                out.add(e.target());
            }
            e.children().forEach(c -> out.add(c.target()));
        }
        return out;
    }

    /** @return the references of every link, for the link check (as if written on a page at the docs root) */
    List<Reference> references() {
        return targets().stream()
                .map(t -> LocalLink.parse(t).orElseThrow(() -> new IllegalArgumentException(
                        "navigation: '" + t + "' is not a link inside the site")))
                .map(link -> new Reference(Reference.Kind.LINK, link))
                .toList();
    }

    private static List<Entry> items(BulletList list) {
        List<Entry> out = new ArrayList<>();
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            out.add(entry((ListItem) item));
        }
        return out;
    }

    private static Entry entry(ListItem item) {
        Node first = item.getFirstChild();
        Node nested = first == null ? null : first.getNext();
        if (first instanceof Paragraph paragraph && paragraph.getFirstChild() instanceof Link link
                && link.getNext() == null && nested == null) {
            return new Entry(text(link), link.getDestination(), List.of());
        }
        if (first instanceof Paragraph paragraph && nested instanceof BulletList children) {
            List<Entry> links = items(children);
            if (links.stream().anyMatch(e -> e.target() == null)) {
                throw new IllegalArgumentException("navigation: group '" + text(paragraph)
                        + "' may hold links only, one level deep");
            }
            return new Entry(text(paragraph), null, links);
        }
        throw new IllegalArgumentException("navigation: each item is a link, or a label followed by a nested list"
                + " of links; got '" + (first == null ? "" : text(first)) + "'");
    }

    private static String text(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text literal) {
                text.append(literal.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }
        });
        return text.toString().strip();
    }
}
