package dev.wenku.text;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Repairs GBK text that was decoded one byte out of step, e.g. 幾百年走過 → {@code ?装倌曜哌^}.
 *
 * <p>Shape of a stretch: a non-ASCII character, then one or two {@code ?} (a byte that could not be decoded), then up
 * to 16 non-ASCII characters made of shifted byte pairs, then one printable ASCII character: the byte at which the
 * decoder fell back into step (or another {@code ?}). Re-encoding the shifted characters as GBK, appending that ASCII
 * byte and dropping the first byte gives the original pairs back. When there are two {@code ?}, the second may stand
 * for a full-width question mark (GBK {@code A3 BF}) whose second byte starts the shifted run; both readings are tried.
 *
 * <p>A stretch is only repaired when the evidence is clear: an annotation that lost its {@code (} next to the
 * {@code ?} (the {@code (} was swallowed by the undecodable pair), or a shifted reading made only of the 3,755 most
 * used characters while the text as found contains a character outside them. Normal text, where {@code ?} ends a
 * question, fails both tests. Characters whose bytes are lost are reported, never guessed.
 */
final class MojibakeRepair {

    private static final Charset GBK = Charset.forName("GBK");
    private static final Pattern STRETCH =
        Pattern.compile("(?<=[^\\x00-\\x7F])([?\uFFFD]{1,2})([^\\x00-\\x7F\\s\u3000]{0,16})([\\x21-\\x7E])");
    private static final byte[] FULL_WIDTH_QUESTION_MARK = {(byte) 0xA3, (byte) 0xBF};

    private MojibakeRepair() {
    }

    /** A repaired stretch: where its replacement starts in the output, what was found and what was recovered. */
    record Stretch(int position, String garbled, String recovered, boolean lostAfter) {

        String message() {
            String lost = lostAfter ? "characters before and after it are lost" : "the character(s) before it are lost";
            return recovered.isEmpty()
                ? "garbled text \"" + garbled + "\" (GBK bytes shifted by one) removed; nothing could be recovered"
                : "garbled text \"" + garbled + "\" (GBK bytes shifted by one) repaired as \"" + recovered + "\"; "
                    + lost;
        }
    }

    record Outcome(EditedText.Result edited, List<Stretch> stretches) {
    }

    /** @param damage offsets in {@code text} where an annotation that lost its {@code (} was removed */
    static Outcome repair(String text, BitSet damage) {
        EditedText edit = new EditedText(text);
        List<Stretch> stretches = new ArrayList<>();
        if (text.indexOf('?') < 0 && text.indexOf('\uFFFD') < 0) {
            return new Outcome(edit.finish(), stretches);
        }
        Matcher m = STRETCH.matcher(text);
        int searchFrom = 0;
        while (m.find(searchFrom)) {
            searchFrom = m.start() + 1;
            boolean evidence = damage.get(m.end(1)) || (m.group(3).equals("?") && damage.get(m.end()));
            Reading reading = bestReading(m.group(1).length(), m.group(2), m.group(3).charAt(0));
            if (reading == null || !(evidence || reading.plausible && hasRareCharacter(m.group(2)))) {
                continue;
            }
            String recovered = reading.frequent ? reading.text : "";
            edit.replace(m.start(), m.end(), recovered);
            edit.count(1);
            stretches.add(new Stretch(m.start(), m.group(), recovered, reading.lostAfter));
            searchFrom = m.end();
        }
        EditedText.Result result = edit.finish();
        List<Stretch> mapped = new ArrayList<>(stretches.size());
        for (Stretch s : stretches) {
            mapped.add(new Stretch(result.map(s.position()), s.garbled(), s.recovered(), s.lostAfter()));
        }
        return new Outcome(result, mapped);
    }

    /**
     * @param frequent  every decoded character is a frequent one (and there is at least one)
     * @param plausible frequent, and no pair inside failed to decode (a dangling last byte is expected)
     */
    private record Reading(String text, boolean frequent, boolean plausible, boolean lostAfter) {
    }

    /** The better of the possible readings, or null when the characters are not GBK at all. */
    private static Reading bestReading(int questionMarks, String shifted, char resync) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!encodeGbk(shifted, bytes)) {
            return null;
        }
        if (resync != '?') {
            bytes.write(resync);
        }
        byte[] base = bytes.toByteArray();
        Reading best = read(base, 1);
        if (questionMarks == 2) {
            byte[] withMark = new byte[base.length + 2];
            System.arraycopy(FULL_WIDTH_QUESTION_MARK, 0, withMark, 0, 2);
            System.arraycopy(base, 0, withMark, 2, base.length);
            Reading alternative = read(withMark, 1);
            if (alternative.plausible && (!best.plausible || alternative.text.length() > best.text.length())) {
                best = alternative;
            }
        }
        return best;
    }

    /** Decodes byte pairs from {@code from}; undecodable pairs and a dangling last byte are lost. */
    private static Reading read(byte[] bytes, int from) {
        CharsetDecoder decoder = GBK.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        StringBuilder text = new StringBuilder();
        boolean lost = (bytes.length - from) % 2 != 0;
        boolean undecodable = false;
        boolean frequent = bytes.length - from >= 2;
        for (int i = from; i + 1 < bytes.length; i += 2) {
            char c = decodePair(decoder, bytes[i], bytes[i + 1]);
            if (c == 0) {
                undecodable = true;
            } else {
                text.append(c);
                frequent &= Character.isIdeographic(c) ? CommonHan.frequent(c) : isCjkPunctuation(c);
            }
        }
        frequent &= text.length() > 0;
        return new Reading(text.toString(), frequent, frequent && !undecodable, lost || undecodable);
    }

    private static char decodePair(CharsetDecoder decoder, byte lead, byte trail) {
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(new byte[] {lead, trail}));
            if (chars.length() != 1) {
                return 0;
            }
            char c = chars.charAt(0);
            return Character.getType(c) == Character.PRIVATE_USE ? 0 : c;
        } catch (CharacterCodingException e) {
            return 0;
        }
    }

    private static boolean encodeGbk(String text, ByteArrayOutputStream out) {
        CharsetEncoder encoder = GBK.newEncoder();
        for (int i = 0; i < text.length(); i++) {
            try {
                ByteBuffer encoded = encoder.reset().encode(CharBuffer.wrap(text, i, i + 1));
                if (encoded.remaining() != 2) {
                    return false;
                }
                out.write(encoded.get());
                out.write(encoded.get());
            } catch (CharacterCodingException e) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasRareCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isIdeographic(c) ? !isCjkPunctuation(c) : !CommonHan.frequent(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCjkPunctuation(char c) {
        return (c >= '\u3000' && c <= '\u303F') || (c >= '\uFF01' && c <= '\uFF5E') || (c >= '\u2018' && c <= '\u201D');
    }
}
