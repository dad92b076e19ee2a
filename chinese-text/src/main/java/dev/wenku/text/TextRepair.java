package dev.wenku.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repairs text damaged by scraping, keeping its script (Traditional stays Traditional: this is the display text).
 *
 * <p>Steps, in order, each with the key of its count in {@link RepairResult#repairs()}:
 * <ol>
 *   <li>{@code pinyinAnnotations}: {@code 字(pīnyīn)} annotations removed, damaged ones included (see
 *       {@link PinyinAnnotations}); one per annotation.</li>
 *   <li>{@code mojibakeRepaired}: stretches of GBK text decoded one byte out of step replaced by what their bytes
 *       still hold (see {@link MojibakeRepair}); one per stretch. Characters whose bytes are gone are not guessed: each
 *       such stretch also gives a {@link RepairWarning} of kind {@value #MOJIBAKE}. Runs before punctuation repair,
 *       which would otherwise turn the {@code ?} that marks a stretch into {@code ？}.</li>
 *   <li>{@code doubledPunctuation}: redundant marks removed from runs such as {@code ,,} {@code ,。} {@code ,、},
 *       keeping the strongest (see {@link DoubledPunctuation}); one per mark removed.</li>
 *   <li>{@code joinedLineBreaks}: line breaks inside a sentence removed (see {@link LineBreaks}); one per break.
 *       Runs before half-width repair so that a comma that ended a broken line sees the Chinese it now precedes.</li>
 *   <li>{@code halfWidthPunctuation}: half-width {@code , ? : ; !} next to Chinese made full-width (see
 *       {@link HalfWidthPunctuation}); one per mark, including the comma left by collapsing {@code ,,}.</li>
 * </ol>
 * Clean text comes back unchanged, with every count 0 and no warning.
 */
public final class TextRepair {

    public static final String PINYIN_ANNOTATIONS = "pinyinAnnotations";
    public static final String DOUBLED_PUNCTUATION = "doubledPunctuation";
    public static final String HALF_WIDTH_PUNCTUATION = "halfWidthPunctuation";
    public static final String JOINED_LINE_BREAKS = "joinedLineBreaks";
    public static final String MOJIBAKE_REPAIRED = "mojibakeRepaired";
    public static final String MOJIBAKE = "mojibake";
    private static final int EXCERPT_RADIUS = 10;

    private TextRepair() {
    }

    public static RepairResult repair(String text) {
        PinyinAnnotations.Stripped annotations = PinyinAnnotations.stripMarkingDamage(text);
        MojibakeRepair.Outcome mojibake = MojibakeRepair.repair(annotations.text(), annotations.damage());
        EditedText.Result doubled = DoubledPunctuation.collapse(mojibake.edited().text());
        EditedText.Result lines = LineBreaks.join(doubled.text());
        EditedText.Result halfWidth = HalfWidthPunctuation.widen(lines.text());
        String repaired = halfWidth.text();

        List<RepairWarning> warnings = new ArrayList<>();
        for (MojibakeRepair.Stretch stretch : mojibake.stretches()) {
            int position = halfWidth.map(lines.map(doubled.map(stretch.position())));
            warnings.add(new RepairWarning(MOJIBAKE, position, excerpt(repaired, position), stretch.message()));
        }
        Map<String, Integer> repairs = new LinkedHashMap<>();
        repairs.put(PINYIN_ANNOTATIONS, annotations.removed());
        repairs.put(DOUBLED_PUNCTUATION, doubled.count());
        repairs.put(HALF_WIDTH_PUNCTUATION, halfWidth.count());
        repairs.put(JOINED_LINE_BREAKS, lines.count());
        repairs.put(MOJIBAKE_REPAIRED, mojibake.edited().count());
        return new RepairResult(repaired, repairs, warnings);
    }

    private static String excerpt(String text, int position) {
        return text.substring(Math.max(0, position - EXCERPT_RADIUS), Math.min(text.length(), position + EXCERPT_RADIUS));
    }
}
