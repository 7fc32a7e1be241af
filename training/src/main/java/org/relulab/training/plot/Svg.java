package org.relulab.training.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SVG text every figure is written with: the root element with a {@code viewBox} (so the picture scales in a
 * page) and the figure's description as {@code data-} attributes, text escaped for XML, titles wrapped to the width
 * they have, and text widths estimated for layout (no font metrics without a renderer: sans-serif averages about
 * {@link #CHAR_WIDTH} of the font size a character).
 */
public final class Svg {
    /** A sans-serif character's average width, a fraction of the font size (generous: digits and capitals). */
    static final double CHAR_WIDTH = 0.58;
    /** The title's font size, and the smallest it shrinks to before it wraps. */
    public static final int TITLE_SIZE = 14, MIN_TITLE_SIZE = 12;

    private final StringBuilder sb = new StringBuilder();

    /**
     * Starts a picture of {@code width} × {@code height} on white; {@code data} become {@code data-KEY} attributes of
     * the root (what a script needs to redraw the figure: its title, axis labels, scales).
     */
    public Svg(int width, int height, Map<String, String> data) {
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"11\"",
                width, height, width, height));
        data.forEach((k, v) -> sb.append(" data-").append(k).append("=\"").append(escape(v)).append('"'));
        sb.append(">\n");
        if (data.containsKey("title")) sb.append("<title>").append(escape(data.get("title"))).append("</title>\n");
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    }

    /** Appends raw SVG (an element the caller formatted). */
    public Svg raw(String element) {
        sb.append(element);
        return this;
    }

    /** Text at (x, y) anchored "start", "middle" or "end". */
    public Svg text(double x, double y, String anchor, int size, String s) {
        return text(x, y, anchor, size, s, "");
    }

    /** Text with extra attributes ({@code fill="..."}, a transform). */
    public Svg text(double x, double y, String anchor, int size, String s, String attributes) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\"%s>%s"
                + "</text>%n", x, y, anchor, size, attributes.isEmpty() ? "" : " " + attributes, escape(s)));
        return this;
    }

    /** A title centred at x, its lines from baseline y down, {@link #lineHeight} apart. */
    public Svg title(double x, double y, Title t) {
        for (int i = 0; i < t.lines().size(); i++)
            text(x, y + i * lineHeight(t.size()), "middle", t.size(),
                    t.lines().get(i), "font-weight=\"bold\"");
        return this;
    }

    /** The finished document. */
    public String end() {
        return sb.append("</svg>\n").toString();
    }

    /** A title laid out: its font size and its lines. */
    public record Title(int size, List<String> lines) {
        /** The height its lines take. */
        public int height() {
            return lines.size() * lineHeight(size);
        }
    }

    /**
     * The title at {@link #TITLE_SIZE}, or smaller down to {@link #MIN_TITLE_SIZE} when that puts it on one line in
     * {@code width}; else wrapped at spaces into lines that fit at the smallest size.
     */
    public static Title title(String title, double width) {
        for (int size = TITLE_SIZE; size >= MIN_TITLE_SIZE; size--) {
            if (width(title, size) <= width) return new Title(size, List.of(title));
        }
        return new Title(MIN_TITLE_SIZE, wrap(title, width, MIN_TITLE_SIZE));
    }

    /**
     * The words of {@code s} in lines no wider than {@code width} at font size {@code size} (a longer word alone), not
     * breaking at the spaces around "=".
     */
    static List<String> wrap(String s, double width, int size) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : s.split("(?<!=) (?!=)")) { // "m = 48" stays on one line
            if (!line.isEmpty() && width(line + " " + word, size) > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) line.append(' ');
            line.append(word);
        }
        if (!line.isEmpty()) lines.add(line.toString());
        return lines;
    }

    /** The estimated width of {@code s} at font size {@code size}, in pixels. */
    public static double width(String s, int size) {
        return s.codePointCount(0, s.length()) * CHAR_WIDTH * size;
    }

    static int lineHeight(int size) {
        return Math.round(size * 1.3f);
    }

    /** {@code s} with XML's special characters escaped, for text and attribute values. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
