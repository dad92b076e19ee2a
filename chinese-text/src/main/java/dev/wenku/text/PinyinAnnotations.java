package dev.wenku.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the {@code 字(pīnyīn)} annotations that scrapers leave after converted characters, e.g. 發(fā)展 → 發展.
 *
 * <p>An annotation is a parenthesised run of lowercase Latin letters with at least one tone mark, which is what
 * these annotations always are; real parentheses such as {@code (生產工具和勞動對象)}, {@code (20XX-2025年)} or
 * {@code (AI)} contain no tone-marked pinyin and survive.
 */
public final class PinyinAnnotations {

    private static final String TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ";
    private static final Pattern ANNOTATION = Pattern.compile(
        "[(（]([a-zü" + TONED + "]*[" + TONED + "][a-zü" + TONED + "]*)[)）]");

    private PinyinAnnotations() {
    }

    /** The text without annotations, and how many were removed. */
    public static Result strip(String text) {
        Matcher matcher = ANNOTATION.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int removed = 0;
        while (matcher.find()) {
            matcher.appendReplacement(out, "");
            removed++;
        }
        matcher.appendTail(out);
        return new Result(out.toString(), removed);
    }

    public record Result(String text, int removed) {
    }
}
