package org.precis.samples.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A minimal static HTML page builder for run reports: headings, tables, images and links, escaped, with one
 * embedded style sheet, so the page opens from disk in any browser.
 */
public final class HtmlPage {

    /** Cells that hold one number (right-aligned, the rest left-aligned). */
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[-+]?[0-9.,]+(E-?[0-9]+)?");

    private final StringBuilder body = new StringBuilder();
    private final String title;

    /** @param title the page title and top heading */
    public HtmlPage(String title) {
        this.title = title;
        body.append("<h1>").append(escape(title)).append("</h1>\n");
    }

    /** Adds a section heading. */
    public HtmlPage heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    /** Adds a paragraph of plain text. */
    public HtmlPage paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** Adds a table; cells are shown as text. */
    public HtmlPage table(List<String> headers, List<List<String>> rows) {
        body.append("<table><tr>");
        headers.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            row.forEach(c -> body.append(NUMBER.matcher(c).matches() ? "<td class=\"num\">" : "<td>")
                    .append(escape(c)).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** Adds a two-column table of names and values, each value written as people read it (see {@link #text}). */
    public HtmlPage keyValues(Map<String, Object> entries) {
        return table(List.of("option", "value"), entries.entrySet().stream()
                .map(e -> List.of(e.getKey(), text(e.getValue()))).toList());
    }

    /**
     * A value as people read it, through its JSON form (so arrays and records never print as Java's
     * {@code [I@5a86} or {@code NoiseSetting[...]}): lists as {@code 256, 256}, objects as {@code name value}
     * pairs, null as {@code none}.
     */
    static String text(Object value) {
        return text(ResultsWriter.JSON.valueToTree(value));
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "none";
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.isContainerNode() ? "(" + text(item) + ")" : text(item)));
            return items.isEmpty() ? "none" : String.join(", ", items);
        }
        if (node.isObject()) {
            List<String> fields = new ArrayList<>();
            node.fields().forEachRemaining(f -> fields.add(f.getKey() + " " + text(f.getValue())));
            return String.join(", ", fields);
        }
        return node.asText();
    }

    /** Adds an image by relative file name. */
    public HtmlPage image(String file, String alt) {
        body.append("<img src=\"").append(escape(file)).append("\" alt=\"").append(escape(alt)).append("\">\n");
        return this;
    }

    /** Adds a line of links to files in the same directory. */
    public HtmlPage links(String label, List<String> files) {
        body.append("<p>").append(escape(label));
        for (int i = 0; i < files.size(); i++) {
            body.append(i == 0 ? " " : ", ").append("<a href=\"").append(escape(files.get(i))).append("\">")
                    .append(escape(files.get(i))).append("</a>");
        }
        body.append(".</p>\n");
        return this;
    }

    /** Writes the page to {@code file}. */
    public void write(Path file) throws IOException {
        String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title>\n<style>body{font-family:sans-serif;max-width:64em;margin:2em auto;}"
                + "table{border-collapse:collapse;margin:1em 0;}td,th{border:1px solid #ccc;padding:.3em .6em;"
                + "text-align:left;vertical-align:top;}td.num{text-align:right;}th{background:#f4f4f4;}"
                + "img{max-width:100%;}</style></head><body>\n" + body + "</body></html>\n";
        AtomicFiles.writeString(file, page);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
