package dev.wenku.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** The suite's one table, printed as Markdown so it can go into the README as it is. */
final class SuiteTable {

    static final String NO_TARGET = "—";

    private record Row(String figure, String measured, String target, String result) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** A figure with a target: {@code met} decides the last column. */
    SuiteTable add(String figure, String measured, String target, boolean met) {
        rows.add(new Row(figure, measured, target, met ? "met" : "**missed**"));
        return this;
    }

    /** A figure reported without a target. */
    SuiteTable add(String figure, String measured) {
        rows.add(new Row(figure, measured, NO_TARGET, NO_TARGET));
        return this;
    }

    /** A figure whose result is spelled out, e.g. which of two targets was missed. */
    SuiteTable add(String figure, String measured, String target, String result) {
        rows.add(new Row(figure, measured, target, result));
        return this;
    }

    String render() {
        int[] widths = {"Figure".length(), "Measured".length(), "Target".length(), "Result".length()};
        for (Row row : rows) {
            widths[0] = Math.max(widths[0], row.figure().length());
            widths[1] = Math.max(widths[1], row.measured().length());
            widths[2] = Math.max(widths[2], row.target().length());
            widths[3] = Math.max(widths[3], row.result().length());
        }
        StringBuilder text = new StringBuilder();
        line(text, widths, "Figure", "Measured", "Target", "Result");
        line(text, widths, "-".repeat(widths[0]), "-".repeat(widths[1]), "-".repeat(widths[2]), "-".repeat(widths[3]));
        rows.forEach(row -> line(text, widths, row.figure(), row.measured(), row.target(), row.result()));
        return text.toString();
    }

    private static void line(StringBuilder text, int[] widths, String... cells) {
        text.append('|');
        for (int i = 0; i < cells.length; i++) {
            text.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
        }
        text.append('\n');
    }
}
