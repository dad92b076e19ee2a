package dev.wenku.text;

/**
 * Makes half-width {@code , ? : ; !} full-width ({@code ，？：；！}) where they punctuate Chinese: when the nearest
 * character on either side (spaces skipped, not line breaks) is a Han character or a CJK/full-width mark, or a curly
 * quote with such a character beyond it ({@code 發展”,“勞動}). Spaces
 * around a converted mark are dropped, as a full-width mark carries its own spacing. {@code 1,000}, {@code 3:1},
 * {@code a.php?id=1} or English clauses are left alone. The count is the number of marks converted.
 */
final class HalfWidthPunctuation {

    private static final String HALF = ",?:;!";
    private static final String FULL = "，？：；！";

    private HalfWidthPunctuation() {
    }

    static EditedText.Result widen(String text) {
        EditedText edit = new EditedText(text);
        int length = text.length();
        int edited = 0;
        for (int i = 0; i < length; i++) {
            int kind = HALF.indexOf(text.charAt(i));
            if (kind < 0) {
                continue;
            }
            int before = i;
            while (before > edited && isSpace(text.charAt(before - 1))) {
                before--;
            }
            int after = i + 1;
            while (after < length && isSpace(text.charAt(after))) {
                after++;
            }
            boolean chinese = chineseAt(text, before - 1, -1) || chineseAt(text, after, 1);
            if (chinese) {
                edit.replace(before, after, FULL.substring(kind, kind + 1));
                edit.count(1);
                edited = after;
                i = after - 1;
            }
        }
        return edit.finish();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /** Whether {@code text[at]} is Chinese; a curly quote counts when the character beyond it (in {@code step}) does. */
    private static boolean chineseAt(String text, int at, int step) {
        if (at < 0 || at >= text.length()) {
            return false;
        }
        char c = text.charAt(at);
        if (c >= '\u2018' && c <= '\u201D') {
            return chineseAt(text, at + step, step);
        }
        return isChinese(c);
    }

    private static boolean isChinese(char c) {
        return Character.isIdeographic(c)
            || (c >= '\u3000' && c <= '\u303F')
            || (c >= '\uFF00' && c <= '\uFFEF');
    }
}
