package org.precis.site;

import java.nio.file.Path;
import java.util.List;

/**
 * Wraps a rendered page in a standalone HTML document: its title, a navigation bar linking every page, a small
 * embedded style sheet (readable line length, bordered tables, shaded code blocks) and a script that the browser
 * check reads.
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
                   color: #1f2328; background: #fff; }
            nav { background: #24292f; padding: .6rem 1rem; }
            nav ul { list-style: none; margin: 0 auto; padding: 0; max-width: 54rem; display: flex; flex-wrap: wrap;
                     gap: .4rem 1.4rem; }
            nav a { color: #f0f3f6; text-decoration: none; }
            nav a:hover { text-decoration: underline; }
            nav a[aria-current="page"] { font-weight: 600; border-bottom: 2px solid #f0f3f6; }
            main { max-width: 54rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
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

    private final List<RenderedPage> pages;

    /**
     * @param pages every page of the site, in navigation order; not modified
     */
    PageTemplate(List<RenderedPage> pages) {
        this.pages = List.copyOf(pages);
    }

    /**
     * Builds the complete HTML document of one page.
     *
     * @param page one of the pages given to the constructor
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
        for (RenderedPage target : pages) {
            html.append("<li><a href=\"").append(escape(relativeHref(page.output(), target.output()))).append('"')
                    .append(target == page ? " aria-current=\"page\"" : "")
                    .append('>').append(escape(target.title())).append("</a></li>\n");
        }
        return html.append("</ul>\n</nav>\n<main>\n").append(page.body()).append("</main>\n</body>\n</html>\n")
                .toString();
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
