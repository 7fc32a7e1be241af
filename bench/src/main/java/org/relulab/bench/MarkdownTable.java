package org.relulab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/** A Markdown table with padded columns; the columns {@code rightAligned} accepts are aligned right (numbers). */
final class MarkdownTable {
    private MarkdownTable() {}

    static String render(List<String> header, List<List<String>> rows, IntPredicate rightAligned) {
        int[] width = new int[header.size()];
        Arrays.fill(width, 3); // a delimiter row needs at least "---"
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int c = 0; c < width.length; c++) width[c] = Math.max(width[c], escape(row.get(c)).length());
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width, rightAligned);
        sb.append('|');
        for (int c = 0; c < width.length; c++) {
            sb.append(' ').append("-".repeat(width[c] - 1)).append(rightAligned.test(c) ? ':' : '-').append(" |");
        }
        sb.append('\n');
        for (List<String> row : rows) line(sb, row, width, rightAligned);
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width, IntPredicate rightAligned) {
        sb.append('|');
        for (int c = 0; c < width.length; c++) {
            String cell = escape(cells.get(c)), pad = " ".repeat(width[c] - cell.length());
            sb.append(' ').append(rightAligned.test(c) ? pad + cell : cell + pad).append(" |");
        }
        sb.append('\n');
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }
}
