package dev.wenku.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** The seed compilation, raw and repaired, and what pinyin residue looks like. */
final class SeedText {

    static final String RAW = read();
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

    private static String read() {
        try {
            return Files.readString(Path.of("../seeds/000_46f25000791b86e7.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
