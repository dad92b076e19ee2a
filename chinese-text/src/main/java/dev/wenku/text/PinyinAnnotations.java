package dev.wenku.text;

import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the {@code 字(pīnyīn)} annotations that scrapers leave after converted characters, e.g. 發(fā)展 → 發展.
 *
 * <p>An annotation is one pinyin syllable in parentheses: lowercase Latin letters with exactly one tone mark, at most
 * six letters. Real parentheses such as {@code (生產工具和勞動對象)}, {@code (20XX-2025年)}, {@code (AI)} or a
 * multi-syllable gloss {@code (pīnyīn)} are not syllables and survive.
 *
 * <p>Damaged annotations are removed too: one that follows a Latin letter ({@code a(chǎn)}) is an ordinary match;
 * one that lost its {@code (} ({@code 產chǎn)}, {@code ?jié)}) is removed when it directly follows a Han character or
 * a {@code ?} and is not inside an open real parenthesis. Where a lost-{@code (} annotation was removed is recorded:
 * the {@code (} was swallowed by an undecodable byte pair, which is evidence of mojibake for {@link MojibakeRepair}.
 */
public final class PinyinAnnotations {

    private static final String TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ";
    private static final String SYLLABLE =
        "(?=[a-zü" + TONED + "]{1,6}[)）])[a-zü]*[" + TONED + "][a-zü]*";
    private static final Pattern ANNOTATION = Pattern.compile("[(（]" + SYLLABLE + "[)）]");
    private static final Pattern LOST_OPENING =
        Pattern.compile("(?<=[\\p{IsHan}?？\uFFFD])" + SYLLABLE + "[)）]");

    private PinyinAnnotations() {
    }

    /** The text without annotations, and how many were removed. */
    public static Result strip(String text) {
        Stripped stripped = stripMarkingDamage(text);
        return new Result(stripped.text(), stripped.removed());
    }

    public record Result(String text, int removed) {
    }

    /** As {@link #strip}, also marking the output offsets where an annotation that had lost its {@code (} was. */
    static Stripped stripMarkingDamage(String text) {
        if (text.indexOf(')') < 0 && text.indexOf('）') < 0) {
            // Every annotation, damaged or not, ends with one; most texts have none, and the look-behind of a lost
            // opening is tried at every character otherwise (a tenth of ingest-service's CPU in a bulk import).
            return new Stripped(text, 0, new BitSet());
        }
        Matcher whole = ANNOTATION.matcher(text);
        StringBuilder firstPass = new StringBuilder(text.length());
        int removed = 0;
        while (whole.find()) {
            whole.appendReplacement(firstPass, "");
            removed++;
        }
        whole.appendTail(firstPass);

        Matcher lost = LOST_OPENING.matcher(firstPass);
        StringBuilder out = new StringBuilder(firstPass.length());
        BitSet damage = new BitSet();
        int copied = 0;
        while (lost.find()) {
            if (insideRealParentheses(firstPass, lost.start())) {
                continue;
            }
            out.append(firstPass, copied, lost.start());
            damage.set(out.length());
            copied = lost.end();
            removed++;
        }
        out.append(firstPass, copied, firstPass.length());
        return new Stripped(out.toString(), removed, damage);
    }

    /** Whether an unclosed {@code (} precedes {@code at} on the same line. */
    private static boolean insideRealParentheses(CharSequence text, int at) {
        for (int i = at - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n' || c == ')' || c == '）') {
                return false;
            }
            if (c == '(' || c == '（') {
                return true;
            }
        }
        return false;
    }

    record Stripped(String text, int removed, BitSet damage) {
    }
}
