package dev.wenku.text;

import com.hankcs.hanlp.HanLP;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The script a reader wants text displayed in: as stored ({@link #ORIGINAL}), {@link #SIMPLIFIED} or
 * {@link #TRADITIONAL}. Only Han characters change: punctuation, Latin letters and digits stay as they are (HanLP
 * would turn “quotes” into 「corner brackets」 on the way to Traditional), so HTML escapes and markup survive.
 *
 * <p>Simplified is {@link SimplifiedScript} (著 → 着 where it is the particle). Traditional is HanLP's phrase-aware
 * conversion with 着 written 著, as Traditional texts (and the seed) write it: Traditional characters stay as they
 * are, Simplified forms mixed into a Traditional text (scraped text has them: 制造, 随后) become Traditional.
 * Characters outside the Basic Multilingual Plane are left unchanged.
 */
public enum DisplayScript {

    ORIGINAL(text -> text),
    SIMPLIFIED(SimplifiedScript::of),
    TRADITIONAL(text -> HanLP.convertToTraditionalChinese(text).replace('着', '著'));

    private final UnaryOperator<String> conversion;

    DisplayScript(UnaryOperator<String> conversion) {
        this.conversion = conversion;
    }

    /** The script called {@code name} ({@code original}, {@code simplified}, {@code traditional}; any case). */
    public static Optional<DisplayScript> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toUpperCase(Locale.ROOT);
        for (DisplayScript script : values()) {
            if (script.name().equals(wanted)) {
                return Optional.of(script);
            }
        }
        return Optional.empty();
    }

    /** {@code text} in this script; null stays null. */
    public String apply(String text) {
        if (this == ORIGINAL || text == null || text.isEmpty()) {
            return text;
        }
        return hanOnly(text, conversion.apply(text));
    }

    public List<String> apply(List<String> texts) {
        return this == ORIGINAL || texts == null ? texts : texts.stream().map(this::apply).toList();
    }

    /**
     * Converts the text of a marked-up fragment ({@code <em>} around matches, HTML-escaped text) and leaves the
     * markup where it is. The text is converted as a whole, so words across a tag keep their context; should the
     * conversion change the text's length, each run of text between tags is converted on its own.
     */
    public String applyAroundTags(String fragment, String... tags) {
        if (this == ORIGINAL || fragment == null || fragment.isEmpty()) {
            return fragment;
        }
        List<String> runs = new ArrayList<>();
        List<String> between = new ArrayList<>();
        int start = 0;
        for (int at = nextTag(fragment, 0, tags); at >= 0; at = nextTag(fragment, start, tags)) {
            String tag = tagAt(fragment, at, tags);
            runs.add(fragment.substring(start, at));
            between.add(tag);
            start = at + tag.length();
        }
        runs.add(fragment.substring(start));
        String text = String.join("", runs);
        String converted = apply(text);
        boolean aligned = converted.length() == text.length();
        StringBuilder out = new StringBuilder(fragment.length());
        int offset = 0;
        for (int i = 0; i < runs.size(); i++) {
            String run = runs.get(i);
            out.append(aligned ? converted.substring(offset, offset + run.length()) : apply(run));
            offset += run.length();
            if (i < between.size()) {
                out.append(between.get(i));
            }
        }
        return out.toString();
    }

    /** The converted characters where the original has a Han character, the original ones everywhere else. */
    private static String hanOnly(String original, String converted) {
        if (converted.length() != original.length()) {
            return converted;
        }
        char[] out = converted.toCharArray();
        for (int i = 0; i < out.length; i++) {
            char c = original.charAt(i);
            if (Character.isSurrogate(c) || Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN) {
                out[i] = c;
            }
        }
        return new String(out);
    }

    private static int nextTag(String fragment, int from, String[] tags) {
        int next = -1;
        for (String tag : tags) {
            int at = tag.isEmpty() ? -1 : fragment.indexOf(tag, from);
            if (at >= 0 && (next < 0 || at < next)) {
                next = at;
            }
        }
        return next;
    }

    private static String tagAt(String fragment, int at, String[] tags) {
        for (String tag : tags) {
            if (!tag.isEmpty() && fragment.startsWith(tag, at)) {
                return tag;
            }
        }
        throw new IllegalStateException("no tag at " + at);
    }
}
