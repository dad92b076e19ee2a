package dev.wenku.text;

import java.util.regex.Pattern;

/**
 * Recognises heading lines. A line is a heading when it starts with a Chinese enumerator ({@code 一、},
 * {@code 二,、} before repair, {@code （三）}, {@code 第四章}, {@code 5.}), or when it is short (at most 40 characters)
 * and has no clause or sentence punctuation at all ({@code 2024學習“新質生產力”心得體會感悟1}).
 */
final class Headings {

    static final int MAX_UNPUNCTUATED_LENGTH = 40;
    private static final Pattern ENUMERATED = Pattern.compile(
        "^[\\s\u3000]*(?:[一二三四五六七八九十]+[、.．,，]+"
            + "|[(（][一二三四五六七八九十\\d]+[)）]"
            + "|第[一二三四五六七八九十百\\d]+[章节節部篇条條]"
            + "|\\d{1,2}[、.．](?!\\d))");
    private static final Pattern LIST_ITEM = Pattern.compile("^[\\s\u3000]*(?:[一二三四五六七八九十]是|——|[•·*-])");
    private static final Pattern PUNCTUATION = Pattern.compile("[,，。、;；:：?？!！]");

    private Headings() {
    }

    static boolean isHeading(CharSequence line) {
        return isEnumerated(line) || isShortUnpunctuated(line);
    }

    static boolean isEnumerated(CharSequence line) {
        return ENUMERATED.matcher(line).find();
    }

    /** A heading, or a line opening a list item ({@code 一是}, {@code ——}, {@code •}). */
    static boolean startsBlock(CharSequence line) {
        return isHeading(line) || LIST_ITEM.matcher(line).find();
    }

    static boolean isShortUnpunctuated(CharSequence line) {
        String trimmed = line.toString().strip();
        return !trimmed.isEmpty()
            && trimmed.length() <= MAX_UNPUNCTUATED_LENGTH
            && !PUNCTUATION.matcher(trimmed).find();
    }
}
