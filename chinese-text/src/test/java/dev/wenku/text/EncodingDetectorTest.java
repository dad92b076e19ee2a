package dev.wenku.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.testsupport.Fixtures;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncodingDetectorTest {

    private static final String TRADITIONAL = fixtureText("essay.utf8.txt");
    private static final String SIMPLIFIED = fixtureText("essay-simplified.utf8.txt");

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "essay.utf8.txt, UTF-8, traditional",
        "essay-simplified.utf8.txt, UTF-8, simplified",
        "essay.utf8-bom.txt, UTF-8 (BOM), simplified",
        "essay.gb18030.txt, GB18030, simplified",
        "essay-traditional.gb18030.txt, GB18030, traditional",
        "essay.big5.txt, Big5, traditional",
        "essay.utf16le-bom.txt, UTF-16LE, simplified",
        "essay.utf16le.txt, UTF-16LE, simplified",
        "essay.utf16be-bom.txt, UTF-16BE, traditional",
        "essay.utf16be.txt, UTF-16BE, traditional",
    })
    void eachFixtureDecodesToTheEssayInItsEncoding(String file, String encoding, String script) throws Exception {
        DecodedText decoded = EncodingDetector.decode(fixture(file));
        assertEquals(encoding, decoded.encoding());
        assertEquals(script.equals("traditional") ? TRADITIONAL : SIMPLIFIED, decoded.text());
    }

    @Test
    void theFixturesAreTheRepairedSeed() {
        assertTrue(SeedText.REPAIRED.text().contains(TRADITIONAL.lines().toList().get(1)));
        assertTrue(TRADITIONAL.startsWith("2024學習“新質生產力”心得體會感悟1\n"));
        assertTrue(SIMPLIFIED.startsWith("2024学习“新质生产力”心得体会感悟1\n"));
    }

    @Test
    void aBrokenUtf8FileGivesTheOffsetOfTheBrokenByte() {
        UndecodableTextException e =
            assertThrows(UndecodableTextException.class, () -> EncodingDetector.decode(fixture("broken.utf8.txt")));
        assertEquals(862, e.byteOffset());
        assertEquals("UTF-8", e.encoding());
    }

    @Test
    void aBrokenUtf8FileWithBomCountsTheBomInTheOffset() {
        byte[] broken = fixture("broken.utf8.txt");
        byte[] withBom = new byte[broken.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(broken, 0, withBom, 3, broken.length);
        UndecodableTextException e =
            assertThrows(UndecodableTextException.class, () -> EncodingDetector.decode(withBom));
        assertEquals(865, e.byteOffset());
    }

    @Test
    void randomBytesAreUndecodable() {
        byte[] noise = new byte[4001];
        new Random(7).nextBytes(noise);
        assertThrows(UndecodableTextException.class, () -> EncodingDetector.decode(noise));
    }

    @Test
    void emptyInputIsEmptyUtf8() throws Exception {
        assertEquals(new DecodedText("", "UTF-8"), EncodingDetector.decode(new byte[0]));
    }

    @Test
    void asciiIsUtf8AndAsciiInUtf16WithoutBomIsUtf16() throws Exception {
        String text = "New quality productive forces, 2024.\n";
        assertEquals(new DecodedText(text, "UTF-8"), EncodingDetector.decode(text.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(new DecodedText(text, "UTF-16LE"),
            EncodingDetector.decode(text.getBytes(StandardCharsets.UTF_16LE)));
        assertEquals(new DecodedText(text, "UTF-16BE"),
            EncodingDetector.decode(text.getBytes(StandardCharsets.UTF_16BE)));
    }

    @Test
    void everySentenceOfTheSeedIsToldApartInGb18030AndBig5() throws Exception {
        Charset big5 = Charset.forName("Big5");
        List<String> wrong = new ArrayList<>();
        int sentences = 0;
        for (String sentence : SeedText.REPAIRED.text().split("(?<=[。？！\n])")) {
            sentence = sentence.strip();
            if (sentence.length() < 4) {
                continue;
            }
            sentences++;
            String simplified = SimplifiedScript.of(sentence);
            DecodedText gb = EncodingDetector.decode(simplified.getBytes(Charset.forName("GB18030")));
            if (!gb.encoding().equals("GB18030") || !gb.text().equals(simplified)) {
                wrong.add(gb.encoding() + ": " + simplified);
            }
            if (big5.newEncoder().canEncode(sentence)) {
                DecodedText b5 = EncodingDetector.decode(sentence.getBytes(big5));
                if (!b5.encoding().equals("Big5") || !b5.text().equals(sentence)) {
                    wrong.add(b5.encoding() + ": " + sentence);
                }
            }
        }
        assertTrue(sentences > 300);
        assertEquals(List.of(), wrong);
    }

    /** Fixture {@code encodings/<name>} of test-support. */
    private static byte[] fixture(String name) {
        return Fixtures.bytes("encodings/" + name);
    }

    private static String fixtureText(String name) {
        return new String(fixture(name), StandardCharsets.UTF_8);
    }
}
