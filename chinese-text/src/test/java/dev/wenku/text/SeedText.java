package dev.wenku.text;

import dev.wenku.testsupport.SeedCorpus;
import java.util.regex.Pattern;

/** The seed compilation, raw and repaired, and what pinyin residue looks like. */
final class SeedText {

    static final String RAW = SeedCorpus.text();
    static final RepairResult REPAIRED = TextRepair.repair(RAW);
    private static final String TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ";
    /** {@code (zhì}: an opening parenthesis followed by tone-marked pinyin. */
    static final Pattern OPENED_PINYIN = Pattern.compile("[(（][a-zü]*[" + TONED + "]");
    /** {@code zhì)}: tone-marked pinyin closed by a parenthesis. */
    static final Pattern CLOSED_PINYIN = Pattern.compile("[" + TONED + "][a-zü]*[)）]");

    private SeedText() {
    }

    static boolean hasPinyinResidue(String text) {
        return OPENED_PINYIN.matcher(text).find() || CLOSED_PINYIN.matcher(text).find();
    }
}
