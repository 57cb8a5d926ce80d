package org.precis.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator with a navigation file and a mounted Javadoc directory, as the site module runs it: groups and short
 * labels in the sidebar, unlisted pages still reachable, mounted files copied, and links into them checked down to
 * the Javadoc anchor.
 */
class NavigationAndMountsTest {

    @TempDir
    Path docs;
    @TempDir
    Path site;
    @TempDir
    Path javadoc;
    @TempDir
    Path config;

    private Path navigation;

    @BeforeEach
    void writeTrees() throws IOException {
        write(docs, "index.md", "# Precis documentation\n\nSee the [layer builder](api/pc/Builder.html#steps(int)).\n");
        write(docs, "guides/pc-layers.md", "# Predictive-coding layers: a long title\n\n[home](../index.md)\n");
        write(docs, "results.md", "# Measured results\n");
        write(docs, "extra.md", "# An extra page\n");
        write(javadoc, "pc/Builder.html", "<html><body><section id=\"steps(int)\"><h3>steps</h3></section>"
                + "<a name=\"old-anchor\"></a></body></html>\n");
        write(javadoc, "pc/index.html", "<html><body><h1 class=\"title\">pc API</h1></body></html>\n");
        navigation = write(config, "navigation.md", """
                - [Home](index.md)
                - User guides
                  - [PC layers](guides/pc-layers.md)
                - [Results](results.md)
                - Reference
                  - [API reference](api/pc/index.html)
                """);
    }

    private Mounts mounts() {
        return new Mounts(Map.of(Path.of("api"), javadoc));
    }

    @Test
    void theSidebarShowsGroupsAndShortLabelsRelativeToEachPage() throws IOException {
        new SiteGenerator().generate(docs, site, mounts(), navigation);

        assertThat(nav("index.html")).containsSubsequence(
                "<a href=\"index.html\" aria-current=\"page\">Home</a>",
                "<span class=\"group\">User guides</span>",
                "<a href=\"guides/pc-layers.html\">PC layers</a>",
                "<a href=\"results.html\">Results</a>",
                "<span class=\"group\">Reference</span>",
                "<a href=\"api/pc/index.html\">API reference</a>");
        assertThat(nav("guides/pc-layers.html")).contains(
                "<a href=\"../index.html\">Home</a>",
                "<a href=\"pc-layers.html\" aria-current=\"page\">PC layers</a>",
                "<a href=\"../api/pc/index.html\">API reference</a>");
    }

    @Test
    void aPageTheNavigationDoesNotNameIsListedUnderMoreSoItStaysReachable() throws IOException {
        new SiteGenerator().generate(docs, site, mounts(), navigation);

        assertThat(nav("index.html")).containsSubsequence("<span class=\"group\">" + Navigation.MORE + "</span>",
                "<a href=\"extra.html\">An extra page</a>");
    }

    @Test
    void mountedFilesAreCopiedUnderTheirPrefix() throws IOException {
        new SiteGenerator().generate(docs, site, mounts(), navigation);

        assertThat(site.resolve("api/pc/Builder.html")).hasSameTextualContentAs(javadoc.resolve("pc/Builder.html"));
        assertThat(html("index.html")).contains("href=\"api/pc/Builder.html#steps(int)\"");
    }

    @Test
    void aLinkToAMissingJavadocPageOrAnchorFailsTheBuild() throws IOException {
        // A renamed method or class breaks the guides that link to its Javadoc; the build says which.
        write(docs, "results.md", "# Results\n\n[gone](api/pc/Gone.html) [renamed](api/pc/Builder.html#steps(long))"
                + " [legacy](api/pc/Builder.html#old-anchor)\n");

        assertThatThrownBy(() -> new SiteGenerator().generate(docs, site, mounts(), navigation))
                .isInstanceOfSatisfying(SiteBuildException.class, e -> assertThat(e.problems()).containsExactly(
                        "results.md: link 'api/pc/Gone.html' does not exist (looked for "
                                + javadoc.resolve("pc/Gone.html") + ")",
                        "results.md: link 'api/pc/Builder.html#steps(long)' names no element id of "
                                + javadoc.resolve("pc/Builder.html")));
    }

    @Test
    void aBrokenLinkInsideTheMountedJavadocFailsTheBuild() throws IOException {
        // Links between modules' Javadoc are written by the tool from offline package lists; a moved module breaks them.
        write(javadoc, "arbiter/Space.html", "<a href=\"../pc/Builder.html#steps(int)\">ok</a>"
                + "<a href=\"../pc/Missing.html\">gone</a><a href=\"../pc/Builder.html#nope\">no id</a>"
                + "<a href=\"#in-page\">in-page anchors are the tool's own</a><a href=\"https://x.org/\">out</a>");

        assertThatThrownBy(() -> new SiteGenerator().generate(docs, site, mounts(), navigation))
                .isInstanceOfSatisfying(SiteBuildException.class, e -> assertThat(e.problems()).containsExactly(
                        "api/arbiter/Space.html: link '../pc/Missing.html' does not exist (looked for "
                                + javadoc.resolve("pc/Missing.html") + ")",
                        "api/arbiter/Space.html: link '../pc/Builder.html#nope' names no element id of "
                                + javadoc.resolve("pc/Builder.html")));
    }

    @Test
    void aNavigationLinkToAMissingPageFailsTheBuild() throws IOException {
        Path broken = write(config, "broken.md", "- [Home](index.md)\n- [Gone](gone.md)\n");

        assertThatThrownBy(() -> new SiteGenerator().generate(docs, site, mounts(), broken))
                .isInstanceOf(SiteBuildException.class)
                .hasMessageContaining("broken.md: link 'gone.md' does not exist");
    }

    @Test
    void aNavigationItemThatIsNeitherALinkNorAGroupIsRefused() {
        assertThatThrownBy(() -> Navigation.parse("- just text\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'just text'");
    }

    @Test
    void aMountedDirectoryThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> new Mounts(Map.of(Path.of("api"), javadoc.resolve("missing"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mounted directory does not exist");
    }

    private static Path write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private String html(String relative) throws IOException {
        return Files.readString(site.resolve(relative), StandardCharsets.UTF_8);
    }

    private String nav(String relative) throws IOException {
        String html = html(relative);
        return html.substring(html.indexOf("<nav>"), html.indexOf("</nav>"));
    }
}
