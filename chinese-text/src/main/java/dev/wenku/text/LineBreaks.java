package dev.wenku.text;

/**
 * Re-joins lines broken inside a sentence. A line break is joined when the line ends with a clause mark
 * ({@code ，、,}), or when it ends without sentence-final punctuation ({@code 。！？…；：} and their half-width forms,
 * possibly followed by closing quotes or brackets), it is not a {@link Headings heading} and the next line opens
 * neither a heading nor a list item ({@code 一是}, {@code ——}).
 * Blank lines (paragraph breaks), heading lines and lines ending a sentence are kept. The count is the number of
 * line breaks joined. Lines are joined without a space, except between two ASCII letters or digits.
 */
final class LineBreaks {

    private static final String CLAUSE_END = "，、,";
    private static final String SENTENCE_END = "。！？…；：!?;:.—";
    private static final String CLOSERS = "”’」』》〉）)】]\"'";

    private LineBreaks() {
    }

    static EditedText.Result join(String text) {
        EditedText edit = new EditedText(text);
        int lineStart = 0;
        while (true) {
            int newline = text.indexOf('\n', lineStart);
            if (newline < 0) {
                break;
            }
            int lineEnd = trimEnd(text, lineStart, newline);
            int nextStart = newline + 1;
            int nextEnd = text.indexOf('\n', nextStart);
            nextEnd = nextEnd < 0 ? text.length() : nextEnd;
            int nextContent = trimStart(text, nextStart, nextEnd);
            if (lineEnd > lineStart && nextContent < trimEnd(text, nextStart, nextEnd)
                && continues(text.substring(lineStart, lineEnd), text.substring(nextContent, nextEnd))) {
                boolean ascii = isAsciiWord(text.charAt(lineEnd - 1)) && isAsciiWord(text.charAt(nextContent));
                edit.replace(lineEnd, nextContent, ascii ? " " : "");
                edit.count(1);
            }
            lineStart = nextStart;
        }
        return edit.finish();
    }

    private static boolean continues(String line, String next) {
        char last = line.charAt(line.length() - 1);
        if (CLAUSE_END.indexOf(last) >= 0) {
            return true;
        }
        int i = line.length() - 1;
        while (i > 0 && CLOSERS.indexOf(line.charAt(i)) >= 0) {
            i--;
        }
        if (SENTENCE_END.indexOf(line.charAt(i)) >= 0) {
            return false;
        }
        return !Headings.isHeading(line) && !Headings.startsBlock(next);
    }

    /** End of the line without trailing spaces and carriage return. */
    private static int trimEnd(String text, int start, int end) {
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static int trimStart(String text, int start, int end) {
        while (start < end && (Character.isWhitespace(text.charAt(start)) || text.charAt(start) == '\u3000')) {
            start++;
        }
        return start;
    }

    private static boolean isAsciiWord(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }
}
