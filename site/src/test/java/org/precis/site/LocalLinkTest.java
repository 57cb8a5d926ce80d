package org.precis.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Parsing and rewriting of link destinations, checked against what a reader of the Markdown expects. */
class LocalLinkTest {

    @Test
    void aLinkToAPageBecomesALinkToItsHtmlPageWithTheFragmentKept() {
        // Docs are written to read well on GitHub, where pages link to each other's .md files.
        LocalLink link = LocalLink.parse("results.md#full-run").orElseThrow();

        assertThat(link.isMarkdown()).isTrue();
        assertThat(link.toHtmlDestination()).isEqualTo("results.html#full-run");
    }

    @Test
    void aLinkToAPageInAnotherDirectoryKeepsItsPathAndQuery() {
        assertThat(LocalLink.parse("../guide/setup.md?x=1").orElseThrow().toHtmlDestination())
                .isEqualTo("../guide/setup.html?x=1");
    }

    @Test
    void aSamePageFragmentIsLocalAndUnchanged() {
        LocalLink link = LocalLink.parse("#getting-started").orElseThrow();

        assertThat(link.isSamePage()).isTrue();
        assertThat(link.fragment()).isEqualTo("getting-started");
        assertThat(link.toHtmlDestination()).isEqualTo("#getting-started");
    }

    @Test
    void otherFilesKeepTheirDestination() {
        assertThat(LocalLink.parse("img/plot.png").orElseThrow().toHtmlDestination()).isEqualTo("img/plot.png");
        assertThat(LocalLink.parse("configs/").orElseThrow().toHtmlDestination()).isEqualTo("configs/");
    }

    @Test
    void externalDestinationsAreNotLocalEvenWhenTheyEndInMd() {
        // A README on another site must not be rewritten to an .html page that does not exist there.
        assertThat(LocalLink.parse("https://example.org/README.md")).isEmpty();
        assertThat(LocalLink.parse("mailto:someone@example.org")).isEmpty();
        assertThat(LocalLink.parse("//example.org/a.md")).isEmpty();
        assertThat(LocalLink.parse("")).isEmpty();
    }

    @Test
    void percentEscapesAreDecodedToFindTheFile() {
        assertThat(LocalLink.parse("img/my%20plot.png").orElseThrow().decodedPath()).isEqualTo("img/my plot.png");
    }
}
