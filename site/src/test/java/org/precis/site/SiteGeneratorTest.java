package org.precis.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator on a small docs tree written by each test: three pages (one in a subdirectory), an image and a
 * JSON file. Expectations come from what a reader of the Markdown expects to see in the browser.
 */
class SiteGeneratorTest {

    private static final byte[] IMAGE_BYTES = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};

    @TempDir
    Path docs;
    @TempDir
    Path site;

    @BeforeEach
    void writeDocsTree() throws IOException {
        write("index.md", """
                # Precis documentation

                - [Setting up](guide.md#setting-up)
                - [Deep page](deep/page.md)
                - [Do not](#do-not)
                - [Elsewhere](https://example.org/README.md)

                | arm | accuracy |
                |---|---|
                | `pc` | 0.85 |

                ![a plot](img/plot.png)

                ## Do not
                """);
        write("guide.md", """
                # The `compare` guide

                ## Setting up

                The frozen configurations are in [configs/](configs/) and [one of them](configs/pc.json).
                """);
        write("deep/page.md", """
                # A deep page

                Back to the [index](../index.md#do-not); the same ![plot](../img/plot.png).
                """);
        Files.createDirectories(docs.resolve("img"));
        Files.write(docs.resolve("img/plot.png"), IMAGE_BYTES);
        write("configs/pc.json", "{\"arm\": \"pc\"}\n");
    }

    @Test
    void everyPageIsWrittenAsHtmlAtTheSameRelativePath() {
        int pages = new SiteGenerator().generate(docs, site);

        assertThat(pages).isEqualTo(3);
        assertThat(site.resolve("index.html")).isRegularFile();
        assertThat(site.resolve("guide.html")).isRegularFile();
        assertThat(site.resolve("deep/page.html")).isRegularFile();
        assertThat(site.resolve("index.md")).doesNotExist();
    }

    @Test
    void aGfmTableRendersAsAnHtmlTable() throws IOException {
        new SiteGenerator().generate(docs, site);

        assertThat(html("index.html")).contains("<table>", "<th>arm</th>", "<td><code>pc</code></td>");
    }

    @Test
    void linksToPagesPointAtTheirHtmlPagesWithFragmentsKept() throws IOException {
        new SiteGenerator().generate(docs, site);

        assertThat(html("index.html"))
                .contains("href=\"guide.html#setting-up\"", "href=\"deep/page.html\"", "href=\"#do-not\"")
                .doesNotContain("guide.md", "page.md")
                // External links are left exactly as written.
                .contains("href=\"https://example.org/README.md\"");
        assertThat(html("deep/page.html")).contains("href=\"../index.html#do-not\"");
    }

    @Test
    void headingsGetTheIdsThatFragmentLinksUse() throws IOException {
        // GitHub's ids: lower case, spaces to dashes, code spans kept as text.
        new SiteGenerator().generate(docs, site);

        assertThat(html("index.html")).contains("<h2 id=\"do-not\">Do not</h2>");
        assertThat(html("guide.html")).contains("<h1 id=\"the-compare-guide\">", "<h2 id=\"setting-up\">");
    }

    @Test
    void imagesAndOtherFilesAreCopiedUnchangedAndReferencedByTheirRelativePath() throws IOException {
        new SiteGenerator().generate(docs, site);

        assertThat(Files.readAllBytes(site.resolve("img/plot.png"))).isEqualTo(IMAGE_BYTES);
        assertThat(site.resolve("configs/pc.json")).hasContent("{\"arm\": \"pc\"}");
        assertThat(html("index.html")).contains("<img src=\"img/plot.png\" alt=\"a plot\" />");
        assertThat(html("deep/page.html")).contains("<img src=\"../img/plot.png\" alt=\"plot\" />");
    }

    @Test
    void theTitleIsTheFirstHeadingAsPlainText() throws IOException {
        new SiteGenerator().generate(docs, site);

        assertThat(html("guide.html")).contains("<title>The compare guide - Precis</title>");
    }

    @Test
    void theNavigationBarOfEveryPageLinksEveryPageIndexFirst() throws IOException {
        new SiteGenerator().generate(docs, site);

        assertThat(nav("index.html")).containsSubsequence(
                "<a href=\"index.html\" aria-current=\"page\">Precis documentation</a>",
                "<a href=\"deep/page.html\">A deep page</a>",
                "<a href=\"guide.html\">The compare guide</a>");
        // From a subdirectory the same pages are one level up.
        assertThat(nav("deep/page.html")).containsSubsequence(
                "<a href=\"../index.html\">Precis documentation</a>",
                "<a href=\"page.html\" aria-current=\"page\">A deep page</a>",
                "<a href=\"../guide.html\">The compare guide</a>");
    }

    @Test
    void everyPageCarriesTheImageCountScriptTheBrowserCheckReads() throws IOException {
        new SiteGenerator().generate(docs, site);

        assertThat(html("guide.html")).contains("naturalWidth === 0", PageTemplate.BROKEN_ATTRIBUTE);
    }

    @Test
    void aMissingImageFailsTheBuildNamingThePageAndThePath() throws IOException {
        write("guide.md", "# Guide\n\n![gone](img/missing.png)\n");

        assertThatThrownBy(() -> new SiteGenerator().generate(docs, site))
                .isInstanceOf(SiteBuildException.class)
                .hasMessageContaining("guide.md: image 'img/missing.png' does not exist");
        // Nothing is written over a previous good site.
        assertThat(site).isEmptyDirectory();
    }

    @Test
    void aLinkToAMissingPageOrFileFailsTheBuild() throws IOException {
        write("deep/page.md", "# Deep\n\n[old](../gone.md) and [data](../configs/kfac.json)\n");

        assertThatThrownBy(() -> new SiteGenerator().generate(docs, site))
                .isInstanceOfSatisfying(SiteBuildException.class, e -> assertThat(e.problems()).containsExactly(
                        "deep/page.md: link '../gone.md' does not exist (looked for " + docs.resolve("gone.md") + ")",
                        "deep/page.md: link '../configs/kfac.json' does not exist (looked for "
                                + docs.resolve("configs/kfac.json") + ")"));
    }

    @Test
    void aFragmentThatNamesNoHeadingFailsTheBuild() throws IOException {
        // A renamed heading silently breaks every link to it; the build is where to catch that.
        write("guide.md", "# Guide\n\n## Setting up\n\n[see](index.md#getting-started) and [here](#nowhere)\n");

        assertThatThrownBy(() -> new SiteGenerator().generate(docs, site))
                .isInstanceOfSatisfying(SiteBuildException.class, e -> assertThat(e.problems()).containsExactly(
                        "guide.md: link 'index.md#getting-started' names no heading of index.md"
                                + " (its heading ids: do-not, precis-documentation)",
                        "guide.md: link '#nowhere' names no heading of guide.md (its heading ids: guide, setting-up)"));
    }

    @Test
    void aLinkOutOfTheDocsDirectoryFailsTheBuildSinceTheSiteDoesNotContainIt() throws IOException {
        Files.writeString(docs.getParent().resolve("README.md"), "# outside\n");
        write("guide.md", "# Guide\n\n[readme](../README.md)\n");

        assertThatThrownBy(() -> new SiteGenerator().generate(docs, site))
                .isInstanceOf(SiteBuildException.class)
                .hasMessageContaining("guide.md: link '../README.md' points outside the docs directory");
    }

    @Test
    void pagesRemovedFromTheDocsDoNotLingerInTheSite() throws IOException {
        new SiteGenerator().generate(docs, site);
        Files.delete(docs.resolve("deep/page.md"));
        write("index.md", "# Index\n");

        new SiteGenerator().generate(docs, site);

        assertThat(site.resolve("deep/page.html")).doesNotExist();
    }

    private void write(String relative, String text) throws IOException {
        Path file = docs.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private String html(String relative) throws IOException {
        return Files.readString(site.resolve(relative), StandardCharsets.UTF_8);
    }

    private String nav(String relative) throws IOException {
        String html = html(relative);
        return html.substring(html.indexOf("<nav>"), html.indexOf("</nav>"));
    }
}
