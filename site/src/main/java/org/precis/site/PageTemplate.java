package org.precis.site;

import java.nio.file.Path;
import java.util.List;

/**
 * Wraps a rendered page in a standalone HTML document: its title, a navigation sidebar ({@link Navigation}: links and
 * groups of links; stacked above the page on narrow screens), a small embedded style sheet (readable line length,
 * bordered tables, shaded code blocks) and a script that the browser check reads.
 *
 * <p>The script runs on {@code load}, when every image has either loaded or failed, and writes onto {@code <body>}
 * the number of images ({@value #IMAGES_ATTRIBUTE}) and of images that did not load ({@value #BROKEN_ATTRIBUTE},
 * those with {@code naturalWidth == 0}). An attribute that is missing means the page never finished loading.
 */
final class PageTemplate {

    /** Attribute of {@code <body>} holding the number of images on the page, set on {@code load}. */
    static final String IMAGES_ATTRIBUTE = "data-images";
    /** Attribute of {@code <body>} holding the number of images that did not load, set on {@code load}. */
    static final String BROKEN_ATTRIBUTE = "data-broken-images";

    private static final String STYLE = """
            body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
                   color: #1f2328; background: #fff; display: flex; align-items: flex-start; }
            nav { flex: 0 0 15rem; position: sticky; top: 0; max-height: 100vh; overflow-y: auto; box-sizing: border-box;
                  background: #f6f8fa; border-right: 1px solid #d0d7de; padding: 1rem .9rem 2rem; font-size: .93rem; }
            nav ul { list-style: none; margin: 0; padding: 0; }
            nav ul ul { margin: .15rem 0 .5rem .7rem; }
            nav li { margin: .12rem 0; }
            nav .group { display: block; margin-top: .7rem; font-weight: 600; color: #57606a; font-size: .8rem;
                         text-transform: uppercase; letter-spacing: .04em; }
            nav a { color: #1f2328; text-decoration: none; }
            nav a:hover { color: #0969da; text-decoration: underline; }
            nav a[aria-current="page"] { font-weight: 600; color: #0969da; }
            main { flex: 1 1 auto; min-width: 0; max-width: 54rem; padding: 1rem 1.5rem 3rem; }
            @media (max-width: 50rem) { body { display: block; } nav { position: static; max-height: none;
                border-right: none; border-bottom: 1px solid #d0d7de; } }
            h1, h2, h3 { line-height: 1.25; margin: 1.6em 0 .6em; }
            h1 { font-size: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3em; }
            h2 { font-size: 1.5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3em; }
            a { color: #0969da; }
            code { font: .875em/1.45 ui-monospace, "DejaVu Sans Mono", monospace; background: #eff1f3;
                   padding: .1em .3em; border-radius: 4px; }
            pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: .8rem 1rem;
                  overflow-x: auto; }
            pre code { background: none; padding: 0; }
            table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; }
            th, td { border: 1px solid #d0d7de; padding: .35rem .7rem; text-align: left; vertical-align: top; }
            th { background: #f6f8fa; }
            td code { white-space: nowrap; }
            tr:nth-child(even) td { background: #fafbfc; }
            img { max-width: 100%; height: auto; }
            """;

    private static final String SCRIPT = """
            window.addEventListener('load', function () {
              var images = Array.prototype.slice.call(document.images);
              document.body.setAttribute('%s', String(images.length));
              document.body.setAttribute('%s',
                  String(images.filter(function (img) { return img.naturalWidth === 0; }).length));
            });
            """.formatted(IMAGES_ATTRIBUTE, BROKEN_ATTRIBUTE);

    private final Navigation navigation;

    /**
     * A template whose navigation lists every page under its title, in the given order.
     *
     * @param pages every page of the site, in navigation order; not modified
     */
    PageTemplate(List<RenderedPage> pages) {
        this(Navigation.ofPages(pages));
    }

    /**
     * @param navigation the navigation shown on every page, its links relative to the docs root
     */
    PageTemplate(Navigation navigation) {
        this.navigation = navigation;
    }

    /**
     * Builds the complete HTML document of one page.
     *
     * @param page one of the pages of the site
     * @return the document, UTF-8 text
     */
    String wrap(RenderedPage page) {
        StringBuilder html = new StringBuilder()
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(page.title())).append(" - Precis</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n")
                .append("<script>\n").append(SCRIPT).append("</script>\n")
                .append("</head>\n<body>\n<nav>\n<ul>\n");
        for (Navigation.Entry entry : navigation.entries()) {
            if (entry.target() != null) {
                link(html, page, entry);
                continue;
            }
            html.append("<li><span class=\"group\">").append(escape(entry.label())).append("</span>\n<ul>\n");
            for (Navigation.Entry child : entry.children()) {
                link(html, page, child);
            }
            html.append("</ul></li>\n");
        }
        return html.append("</ul>\n</nav>\n<main>\n").append(page.body()).append("</main>\n</body>\n</html>\n")
                .toString();
    }

    private static void link(StringBuilder html, RenderedPage page, Navigation.Entry entry) {
        LocalLink link = LocalLink.parse(entry.target()).orElseThrow();
        Path target = Path.of(link.decodedPath());
        boolean current = target.equals(page.source());
        Path output = link.isMarkdown() ? DocsTree.htmlPath(target) : target;
        html.append("<li><a href=\"").append(escape(relativeHref(page.output(), output))).append('"')
                .append(current ? " aria-current=\"page\"" : "")
                .append('>').append(escape(entry.label())).append("</a></li>\n");
    }

    /** The URL of {@code target} seen from {@code from}, both relative to the output root. */
    static String relativeHref(Path from, Path target) {
        Path parent = from.getParent();
        return DocsTree.slashed(parent == null ? target : parent.relativize(target));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
