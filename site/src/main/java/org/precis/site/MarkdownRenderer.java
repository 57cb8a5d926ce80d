package org.precis.site;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders one Markdown page with CommonMark, GFM tables and heading anchors ({@code ## Getting started} gets
 * {@code id="getting-started"}, the id GitHub gives it, so links written for GitHub keep working). Local links to
 * {@code .md} pages are rewritten to their {@code .html} pages, fragments kept; every local link and image is
 * recorded for the link check.
 */
final class MarkdownRenderer {

    private final List<Extension> extensions = List.of(TablesExtension.create(), HeadingAnchorExtension.create());
    private final Parser parser = Parser.builder().extensions(extensions).build();

    /**
     * Renders a page.
     *
     * @param source   the page's path relative to the docs root, recorded in the result
     * @param markdown the page's text
     * @return the rendered page
     */
    RenderedPage render(Path source, String markdown) {
        Node document = parser.parse(markdown);
        ReferenceCollector collector = new ReferenceCollector();
        document.accept(collector);

        Set<String> headingIds = new HashSet<>();
        HtmlRenderer renderer = HtmlRenderer.builder()
                .extensions(extensions)
                // Registered after the heading-anchor extension's provider, so the id is already set here.
                .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                    if (node instanceof Heading && attributes.containsKey("id")) {
                        headingIds.add(attributes.get("id"));
                    }
                })
                .build();
        String body = renderer.render(document);
        String title = Optional.ofNullable(collector.title)
                .orElse(source.getFileName().toString().replaceFirst("\\.md$", ""));
        return new RenderedPage(source, title, body, collector.references, headingIds);
    }

    /** Records references and the first heading's text, and rewrites {@code .md} link destinations. */
    private static final class ReferenceCollector extends AbstractVisitor {
        private final List<Reference> references = new ArrayList<>();
        private String title;

        @Override
        public void visit(Link link) {
            LocalLink.parse(link.getDestination()).ifPresent(local -> {
                references.add(new Reference(Reference.Kind.LINK, local));
                link.setDestination(local.toHtmlDestination());
            });
            visitChildren(link);
        }

        @Override
        public void visit(Image image) {
            LocalLink.parse(image.getDestination())
                    .ifPresent(local -> references.add(new Reference(Reference.Kind.IMAGE, local)));
            visitChildren(image);
        }

        @Override
        public void visit(Heading heading) {
            if (title == null) {
                title = plainText(heading).strip();
            }
            visitChildren(heading);
        }

        private static String plainText(Node node) {
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
            return text.toString();
        }
    }
}
