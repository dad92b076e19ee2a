package dev.wenku.extraction;

/** Tidies the text Tika writes: no indentation or trailing blanks, at most one empty line in a row. */
final class PlainText {

    private PlainText() {
    }

    static String tidy(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean blankLineBefore = false;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                blankLineBefore = !out.isEmpty();
                continue;
            }
            if (!out.isEmpty()) out.append(blankLineBefore ? "\n\n" : "\n");
            out.append(stripped);
            blankLineBefore = false;
        }
        return out.toString();
    }
}
