package dev.wenku.text;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.py.Pinyin;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pinyin without tones by HanLP, which reads polyphonic characters by word (重要 → zhong yao, 银行 → yin hang).
 * ü is written v (绿 → lv), as in input methods. Runs of Latin letters and digits stay as they are, lower-cased;
 * punctuation and spaces only separate.
 */
public final class PinyinText {

    /** Every Mandarin syllable without its tone (ü as v), as HanLP knows them: what typed pinyin splits into. */
    private static final Set<String> SYLLABLES = Arrays.stream(Pinyin.values()).map(Pinyin::getPinyinWithoutTone)
        .filter(syllable -> !"none".equals(syllable)).collect(Collectors.toUnmodifiableSet());
    private static final int LONGEST_SYLLABLE = 6; // zhuang, chuang, shuang

    private PinyinText() {
    }

    /**
     * What a reader typed as pinyin, as the syllables {@link #syllables} gives a text: tone marks dropped
     * ({@code chuàngxīn}), ü typed as ü or v, spaces optional, Chinese characters read as their pinyin
     * ({@code 新zhi}, {@code xin质} → {@code [xin, zhi]}). A run of letters is split into the fewest syllables
     * ({@code xian} → {@code [xian]}, not {@code [xi, an]}). Empty when some run of letters is no sequence of
     * syllables (an English word; initials such as {@code cx}) or the text holds digits: then it is not pinyin.
     */
    public static List<String> typedSyllables(String typed) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        String text = Normalizer.normalize(typed.replaceAll("[üǖǘǚǜÜǕǗǙǛ]", "v"), Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        List<String> syllables = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end = i + 1;
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                while (end < text.length() && Character.UnicodeScript.of(text.charAt(end)) == Character.UnicodeScript.HAN) {
                    end++;
                }
                syllables.addAll(syllables(text.substring(i, end)));
            } else if (c >= 'a' && c <= 'z') {
                while (end < text.length() && text.charAt(end) >= 'a' && text.charAt(end) <= 'z') {
                    end++;
                }
                List<String> split = split(text.substring(i, end));
                if (split.isEmpty()) {
                    return List.of();
                }
                syllables.addAll(split);
            } else if (Character.isDigit(c)) {
                return List.of();
            }
            i = end;
        }
        return List.copyOf(syllables);
    }

    /** {@code letters} as the fewest syllables, or empty when it is none. */
    private static List<String> split(String letters) {
        int n = letters.length();
        int[] fewest = new int[n + 1];
        int[] previous = new int[n + 1];
        Arrays.fill(fewest, Integer.MAX_VALUE);
        fewest[0] = 0;
        for (int end = 1; end <= n; end++) {
            for (int start = Math.max(0, end - LONGEST_SYLLABLE); start < end; start++) {
                if (fewest[start] != Integer.MAX_VALUE && fewest[start] + 1 < fewest[end]
                        && SYLLABLES.contains(letters.substring(start, end))) {
                    fewest[end] = fewest[start] + 1;
                    previous[end] = start;
                }
            }
        }
        if (fewest[n] == Integer.MAX_VALUE) {
            return List.of();
        }
        List<String> syllables = new ArrayList<>();
        for (int end = n; end > 0; end = previous[end]) {
            syllables.addFirst(letters.substring(previous[end], end));
        }
        return syllables;
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

    /**
     * The words of {@code text} that {@code syllables} spell: every run of as many Chinese characters in a row whose
     * pinyin (read as {@link #syllables} reads the whole text, by word) is those syllables, distinct, in the order
     * they first occur. {@code 坚持创新，窗心 → [chuang, xin]} gives {@code [创新, 窗心]}.
     */
    public static Set<String> spelledIn(String text, List<String> syllables) {
        Set<String> words = new LinkedHashSet<>();
        int n = syllables.size();
        if (text == null || n == 0 || text.length() < n) {
            return words;
        }
        List<Pinyin> pinyin = HanLP.convertToPinyinList(text);
        if (pinyin.size() != text.length()) {
            return words;
        }
        for (int start = 0; start + n <= text.length(); start++) {
            if (spells(text, pinyin, start, syllables)) {
                words.add(text.substring(start, start + n));
            }
        }
        return words;
    }

    private static boolean spells(String text, List<Pinyin> pinyin, int start, List<String> syllables) {
        for (int i = 0; i < syllables.size(); i++) {
            char c = text.charAt(start + i);
            if (Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN
                || !syllables.get(i).equals(pinyin.get(start + i).getPinyinWithoutTone())) {
                return false;
            }
        }
        return true;
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
