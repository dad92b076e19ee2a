package dev.wenku.text;

/** Questions about a piece of text's script that search and indexing ask of words. */
public final class HanText {

    private HanText() {
    }

    /** Whether {@code text} is non-empty and Han characters only (no Latin letters, digits or punctuation). */
    public static boolean isHanOnly(String text) {
        return text != null && !text.isEmpty()
            && text.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }
}
