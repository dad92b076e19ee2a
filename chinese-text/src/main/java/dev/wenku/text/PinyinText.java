package dev.wenku.text;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.py.Pinyin;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pinyin without tones by HanLP, which reads polyphonic characters by word (重要 → zhong yao, 银行 → yin hang).
 * ü is written v (绿 → lv), as in input methods. Runs of Latin letters and digits stay as they are, lower-cased;
 * punctuation and spaces only separate.
 */
public final class PinyinText {

    private PinyinText() {
    }

    /** {@code 新质生产力 → [xin, zhi, sheng, chan, li]}; {@code 2024学习 → [2024, xue, xi]}. */
    public static List<String> syllables(String text) {
        List<String> syllables = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return syllables;
        }
        List<Pinyin> pinyin = HanLP.convertToPinyinList(text);
        boolean aligned = pinyin.size() == text.length();
        StringBuilder latin = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean han = Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
            if (han) {
                flush(latin, syllables);
                Pinyin p = aligned ? pinyin.get(i) : HanLP.convertToPinyinList(String.valueOf(c)).get(0);
                String syllable = p.getPinyinWithoutTone();
                if (!"none".equals(syllable)) {
                    syllables.add(syllable);
                }
            } else if (c < 128 && Character.isLetterOrDigit(c)) {
                latin.append(Character.toLowerCase(c));
            } else if (Character.isLetterOrDigit(c)) {
                latin.append(String.valueOf(c).toLowerCase(Locale.ROOT));
            } else {
                flush(latin, syllables);
            }
        }
        flush(latin, syllables);
        return syllables;
    }

    /** Syllables separated by spaces: {@code xin zhi sheng chan li}. */
    public static String spaced(String text) {
        return String.join(" ", syllables(text));
    }

    /** Syllables joined: {@code xinzhishengchanli}. */
    public static String joined(String text) {
        return String.join("", syllables(text));
    }

    /** First letter of each syllable, for typing by initials: {@code 新质生产力 → xzscl}. */
    public static String initials(String text) {
        StringBuilder initials = new StringBuilder();
        for (String syllable : syllables(text)) {
            initials.append(syllable.charAt(0));
        }
        return initials.toString();
    }

    private static void flush(StringBuilder latin, List<String> syllables) {
        if (!latin.isEmpty()) {
            syllables.add(latin.toString());
            latin.setLength(0);
        }
    }
}
