package dev.wenku.ingest.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HtmlCharsetTest {

    @Test
    void aMetaCharsetOrAnXmlEncodingInTheFirst1024BytesIsADeclaration() {
        assertTrue(declared("<html><head><meta charset=\"gb2312\"></head>"));
        assertTrue(declared("<HTML><META http-equiv=\"Content-Type\" content=\"text/html; charset=big5\">"));
        assertTrue(declared("<?xml version=\"1.0\" encoding=\"UTF-8\"?><html>"));
    }

    @Test
    void noDeclarationOrOneTooLateIsNone() {
        assertFalse(declared("<html><body>charset=utf-8 in the text is not a declaration</body></html>"));
        assertFalse(declared("<!--" + " ".repeat(1100) + "--><meta charset=\"utf-8\">"));
        assertFalse(HtmlCharset.isDeclared(new byte[0]));
    }

    private static boolean declared(String page) {
        return HtmlCharset.isDeclared(page.getBytes(StandardCharsets.US_ASCII));
    }
}
