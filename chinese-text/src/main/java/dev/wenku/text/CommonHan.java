package dev.wenku.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.BitSet;

/**
 * Frequency evidence for Han characters, taken from the national standards themselves: GB2312 level 1 holds the 3,755
 * most used Simplified characters, Big5 level 1 the 5,401 frequent Traditional ones. No word list is needed.
 */
final class CommonHan {

    private static final BitSet GB2312_LEVEL_1 = codes("GB2312", 0xB0A1, 0xD7FE);
    private static final BitSet BIG5_LEVEL_1 = codes("Big5", 0xA440, 0xC67E);

    private CommonHan() {
    }

    /** In GB2312 level 1 or Big5 level 1: frequent in either script (broad; used to tell encodings apart). */
    static boolean frequentInEitherScript(char c) {
        return GB2312_LEVEL_1.get(c) || BIG5_LEVEL_1.get(c);
    }

    /**
     * Whether the character, or its Simplified form, is among the 3,755 most used Simplified characters. Stricter
     * than {@link #frequentInEitherScript}: Big5 level 1 is ordered by strokes and includes rare characters such as
     * 倌, 曜, 紕 that mojibake produces.
     */
    static boolean frequent(char c) {
        if (GB2312_LEVEL_1.get(c)) {
            return true;
        }
        String simplified = SimplifiedScript.of(String.valueOf(c));
        return simplified.length() == 1 && GB2312_LEVEL_1.get(simplified.charAt(0));
    }

    private static BitSet codes(String charset, int first, int last) {
        CharsetDecoder decoder = Charset.forName(charset).newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        BitSet set = new BitSet(0x10000);
        for (int code = first; code <= last; code++) {
            int trail = code & 0xFF;
            if (trail < 0x40 || (trail > 0x7E && trail < 0xA1) || trail == 0xFF) {
                continue;
            }
            try {
                CharBuffer chars = decoder.decode(ByteBuffer.wrap(new byte[] {(byte) (code >> 8), (byte) trail}));
                if (chars.length() == 1 && Character.isIdeographic(chars.charAt(0))) {
                    set.set(chars.charAt(0));
                }
            } catch (CharacterCodingException unassigned) {
                // gaps in the code table
            }
        }
        return set;
    }
}
