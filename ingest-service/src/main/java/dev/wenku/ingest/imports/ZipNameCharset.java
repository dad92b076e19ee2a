package dev.wenku.ingest.imports;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How the names of a zip's entries are read when the zip does not mark them as UTF-8 (its general purpose flag bit
 * 11; names that carry it are read as UTF-8 by {@link java.util.zip} whatever the charset): as UTF-8 when they are
 * valid UTF-8, since tools on Linux and macOS often write UTF-8 without setting the flag, and otherwise as GBK, as
 * Windows' own zip tool writes them on a Chinese system. {@code java.util.zip} takes one charset for every unmarked
 * name; this one decides name by name. A name that is neither is read as GBK with replacement characters rather than
 * refused, since {@code ZipFile} would refuse the whole zip for it.
 *
 * <p>The decoder reads its whole input at once, as {@code java.util.zip} hands it one whole name; encoding (only used
 * to look an entry up by its name, and by tests to write unmarked UTF-8 names) is UTF-8.
 */
final class ZipNameCharset extends Charset {

    static final Charset INSTANCE = new ZipNameCharset();

    private static final Charset GBK = Charset.forName("GBK");

    private ZipNameCharset() {
        super("x-wenku-zip-names", null);
    }

    @Override
    public boolean contains(Charset charset) {
        return equals(charset) || StandardCharsets.UTF_8.contains(charset);
    }

    @Override
    public CharsetDecoder newDecoder() {
        return new Decoder(this);
    }

    @Override
    public CharsetEncoder newEncoder() {
        return StandardCharsets.UTF_8.newEncoder();
    }

    /** One name's bytes as text: UTF-8 if they are, else GBK. */
    static String nameOf(ByteBuffer bytes) {
        byte[] name = new byte[bytes.remaining()];
        bytes.duplicate().get(name);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(name, GBK);
        }
    }

    private static final class Decoder extends CharsetDecoder {

        Decoder(Charset charset) {
            // Neither UTF-8 nor GBK makes more characters than bytes (a replacement stands for at least one byte).
            super(charset, 1f, 1f);
        }

        @Override
        protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
            String name = nameOf(in);
            if (name.length() > out.remaining()) {
                return CoderResult.OVERFLOW;
            }
            out.put(name);
            in.position(in.limit());
            return CoderResult.UNDERFLOW;
        }
    }
}
