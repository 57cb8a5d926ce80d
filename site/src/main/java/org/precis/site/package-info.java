/**
 * The documentation site generator: renders every Markdown page under {@code site/src/docs} to a standalone HTML
 * page in {@code site/target/site}, and copies every other file (images, configurations) unchanged.
 *
 * <p>Call order, all in {@link org.precis.site.SiteGenerator}: scan the docs tree ({@code DocsTree}) -> render each
 * page with CommonMark ({@code MarkdownRenderer}, which also rewrites {@code .md} links to {@code .html}) -> check
 * every local link and image against the tree and the headings' ids ({@code LinkChecker}) -> wrap each page in
 * the template ({@code PageTemplate}) and write it -> copy the other files. A broken reference stops the
 * generation before anything is written, so a broken site never replaces a good one silently.
 */
package org.precis.site;
