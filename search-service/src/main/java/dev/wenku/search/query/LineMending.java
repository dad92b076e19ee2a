package dev.wenku.search.query;

import dev.wenku.text.SimplifiedScript;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The line a reader meant, read off the text that was found for it. A line typed with one wrong character
 * ({@code 千山鸟非绝}) is no word of any dictionary, so {@link QueryCorrections} cannot mend it; the loose search finds
 * the poem by the rest of the line, and the poem itself then says what the line is: the stretch of its text as long as
 * the line that differs from it in one character ({@code 千山鸟飞绝}). The reader sees that line as "did you mean",
 * as for any corrected query. Texts are compared in Simplified script, as they are indexed.
 */
final class LineMending {

    private LineMending() {
    }

    /**
     * The stretch of {@code texts} (best first) that {@code line} mistypes in exactly one character, from the first
     * text that has one; empty when none has (the text was found by other words of the query, or differs by more).
     */
    static Optional<String> meant(String line, List<String> texts) {
        int[] typed = SimplifiedScript.of(line).codePoints().toArray();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            int[] chars = text.codePoints().toArray();
            for (int start = 0; start + typed.length <= chars.length; start++) {
                if (differsInOne(typed, chars, start)) {
                    return Optional.of(new String(Arrays.copyOfRange(chars, start, start + typed.length), 0,
                        typed.length));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean differsInOne(int[] typed, int[] text, int start) {
        int differences = 0;
        for (int i = 0; i < typed.length; i++) {
            if (typed[i] != text[start + i] && ++differences > 1) {
                return false;
            }
            if (!Character.isIdeographic(text[start + i])) {
                return false;
            }
        }
        return differences == 1;
    }
}
