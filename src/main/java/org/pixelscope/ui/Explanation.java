package org.pixelscope.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The explanation of one view, read from {@code explain/<view>.txt}: the first line is the
 * title, each further line a paragraph, and a line starting with {@code "= "} a formula.
 *
 * @param title  the heading
 * @param blocks paragraphs and formulas in order
 */
public record Explanation(String title, List<Block> blocks) {

    public Explanation {
        blocks = List.copyOf(blocks);
    }

    /** A paragraph or a formula. */
    public record Block(boolean formula, String text) {}

    /** Reads the explanation of {@code view} ({@code sample}, {@code masks}, {@code train}, {@code summary}, {@code likelihood}). */
    public static Explanation of(String view) {
        String name = "explain/" + view + ".txt";
        try (InputStream in = Explanation.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no explanation for view '" + view + "' (" + name + ")");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Explanation parse(String source) {
        List<String> lines =
                source.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an explanation needs at least a title");
        }
        List<Block> blocks = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            blocks.add(line.startsWith("= ") ? new Block(true, line.substring(2)) : new Block(false, line));
        }
        return new Explanation(lines.get(0), blocks);
    }
}
