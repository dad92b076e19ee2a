package dev.wenku.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.List;

/**
 * Decodes text files of unknown encoding: UTF-8 with BOM ({@code UTF-8 (BOM)}, BOM removed), UTF-16LE/BE with BOM
 * (BOM removed) or without, UTF-8, GB18030 (which includes GBK and GB2312) and Big5.
 *
 * <p>Decoding is strict: an encoding whose rules the bytes break is out. A BOM decides. Without one, every encoding
 * that decodes the bytes is scored by {@link Plausibility} (share of frequent Simplified or Traditional characters,
 * ASCII and CJK punctuation, against rare characters, kana, private-use characters and controls) and the best wins;
 * ties go to UTF-8, then GB18030, Big5, UTF-16LE, UTF-16BE. Valid UTF-8 is always acceptable (random bytes are almost
 * never valid UTF-8); the others, which accept almost any byte sequence, only when their score reaches
 * {@value #MIN_PLAUSIBILITY}. Big5 text read as GB18030, or GB text read as Big5, scores far lower than the right
 * reading. When nothing is acceptable, the offset reported is where the encoding with the most plausible decoded
 * prefix fails, e.g. the broken byte of a mostly UTF-8 file.
 */
public final class EncodingDetector {

    static final double MIN_PLAUSIBILITY = 0.6;
    private static final List<String> CANDIDATES = List.of("UTF-8", "GB18030", "Big5", "UTF-16LE", "UTF-16BE");

    private EncodingDetector() {
    }

    public static DecodedText decode(byte[] bytes) throws UndecodableTextException {
        if (bytes.length == 0) {
            return new DecodedText("", "UTF-8");
        }
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return withBom(bytes, 3, "UTF-8", "UTF-8 (BOM)");
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return withBom(bytes, 2, "UTF-16LE", "UTF-16LE");
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return withBom(bytes, 2, "UTF-16BE", "UTF-16BE");
        }
        Attempt best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        Attempt bestFailure = null;
        double bestFailureScore = Double.NEGATIVE_INFINITY;
        for (String charset : CANDIDATES) {
            Attempt attempt = Attempt.of(bytes, 0, charset);
            if (attempt.failedAt >= 0) {
                double score = Plausibility.smoothed(attempt.text);
                if (score > bestFailureScore) {
                    bestFailure = attempt;
                    bestFailureScore = score;
                }
                continue;
            }
            double score = Plausibility.of(attempt.text);
            if ((charset.equals("UTF-8") || score >= MIN_PLAUSIBILITY) && score > bestScore) {
                best = attempt;
                bestScore = score;
            }
        }
        if (best != null) {
            return new DecodedText(best.text, best.charset);
        }
        throw new UndecodableTextException(bestFailure.failedAt, bestFailure.charset);
    }

    private static DecodedText withBom(byte[] bytes, int bomLength, String charset, String name)
        throws UndecodableTextException {
        Attempt attempt = Attempt.of(bytes, bomLength, charset);
        if (attempt.failedAt >= 0) {
            throw new UndecodableTextException(attempt.failedAt, name);
        }
        return new DecodedText(attempt.text, name);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A strict decoding: the text, or the text before the first offending byte and that byte's offset. */
    private record Attempt(String charset, String text, long failedAt) {

        static Attempt of(byte[] bytes, int from, String charset) {
            CharsetDecoder decoder = Charset.forName(charset).newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
            CharBuffer out = CharBuffer.allocate(bytes.length - from + 16);
            CoderResult result = decoder.decode(in, out, true);
            if (!result.isError()) {
                result = decoder.flush(out);
            }
            out.flip();
            return new Attempt(charset, out.toString(), result.isError() ? in.position() : -1);
        }
    }
}
