package org.precis.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fragment targets of HTML files that were not rendered from Markdown (a mounted Javadoc page): the value of
 * every {@code id} attribute and of every {@code <a name>}. Each file is read once.
 */
final class HtmlIds {

    private static final Pattern ID = Pattern.compile("\\s(?:id|name)=\"([^\"]*)\"");

    private final Map<Path, Set<String>> cache = new HashMap<>();

    /**
     * @param file an HTML file; not modified
     * @return its ids, entities such as {@code &lt;} decoded
     */
    Set<String> of(Path file) {
        return cache.computeIfAbsent(file, HtmlIds::read);
    }

    private static Set<String> read(Path file) {
        String html;
        try {
            html = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Set<String> ids = new HashSet<>();
        Matcher m = ID.matcher(html);
        while (m.find()) {
            ids.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&amp;", "&"));
        }
        return ids;
    }
}
