package dev.wenku.extraction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Set;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.metadata.Metadata;

/**
 * Reads text declared or detected as GB2312 or GBK as GB18030, a superset of both. Chinese pages labelled
 * {@code gb2312} routinely hold characters outside it (traditional ones, rarer names), and browsers decode
 * the label as GBK/GB18030 for that reason (WHATWG Encoding Standard); Java's strict GB2312 would turn
 * those characters into U+FFFD.
 */
final class Gb18030WideningDetector implements EncodingDetector {

    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Set<String> NARROWER = Set.of("GB2312", "GBK", "x-EUC-CN", "EUC-CN", "x-mswin-936", "windows-936");

    private final EncodingDetector delegate;

    Gb18030WideningDetector(EncodingDetector delegate) {
        this.delegate = delegate;
    }

    @Override
    public Charset detect(InputStream input, Metadata metadata) throws IOException {
        Charset detected = delegate.detect(input, metadata);
        return detected != null && isNarrowerChinese(detected) ? GB18030 : detected;
    }

    private static boolean isNarrowerChinese(Charset charset) {
        return NARROWER.contains(charset.name()) || charset.aliases().stream().anyMatch(NARROWER::contains);
    }
}
