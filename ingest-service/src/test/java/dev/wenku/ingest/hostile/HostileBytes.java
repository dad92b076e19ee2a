package dev.wenku.ingest.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.List;
import java.util.Random;

/**
 * Byte sequences that no encoding the service accepts can decode. The service tries UTF-8, GB18030, Big5 and
 * UTF-16LE/BE strictly (a BOM decides alone), and accepts a GB18030, Big5 or UTF-16 reading when it looks like text.
 * To be undecodable by those rules whatever the plausibility score, a sequence here holds a byte 0xFF (never valid in
 * UTF-8, GB18030 or Big5) and has an odd length (never valid UTF-16); {@link #assertUndecodable} checks it.
 */
final class HostileBytes {

    static final String SIMPLIFIED = "培育发展新质生产力是一项复杂而系统的工程，需各方主体协同高效配合。加快发展数字经济，促进数字经济和实体经济深度融合。";
    static final String TRADITIONAL = "培育發展新質生產力是一項複雜而系統的工程，需各方主體協同高效配合。加快發展數字經濟，促進數字經濟和實體經濟深度融合。";
    private static final List<String> CANDIDATES = List.of("UTF-8", "GB18030", "Big5", "UTF-16LE", "UTF-16BE");

    private HostileBytes() {
    }

    static byte[] random(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A length between 1 and {@code max}, small ones as likely as large ones (log-uniform). */
    static int length(Random random, int max) {
        return (int) Math.max(1, Math.round(Math.exp(random.nextDouble() * Math.log(max))));
    }

    /** Adds a 0xFF at a random place, and one more byte when needed for an odd length. */
    static byte[] undecodable(Random random, byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 2);
        int at = random.nextInt(bytes.length + 1);
        out.write(bytes, 0, at);
        out.write(0xFF);
        out.write(bytes, at, bytes.length - at);
        if (out.size() % 2 == 0) {
            out.write(random.nextInt(256));
        }
        return assertUndecodable(out.toByteArray());
    }

    static byte[] assertUndecodable(byte[] bytes) {
        for (String charset : CANDIDATES) {
            try {
                Charset.forName(charset).newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
                throw new IllegalStateException("generator bug: " + bytes.length + " bytes decode as " + charset);
            } catch (CharacterCodingException expected) {
                // undecodable in this encoding, as intended
            }
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A piece of the sample text, starting anywhere, of 1 to {@code max} characters. */
    static String excerpt(Random random, String text, int max) {
        int start = random.nextInt(text.length());
        int end = Math.min(text.length(), start + 1 + random.nextInt(max));
        return text.substring(start, end);
    }

    static byte[] encoded(String text, String charset) {
        return text.getBytes(Charset.forName(charset));
    }
}
