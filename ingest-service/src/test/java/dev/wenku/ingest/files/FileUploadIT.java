package dev.wenku.ingest.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.events.DocumentIngested;
import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.IngestClient.Answer;
import dev.wenku.ingest.support.IngestServiceTest;
import dev.wenku.ingest.support.TopicReader;
import dev.wenku.testsupport.Fixtures;
import dev.wenku.testsupport.SeedCorpus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@IngestServiceTest(properties = "wenku.ingest.max-file-size=300KB")
class FileUploadIT {

    private static final Pattern PINYIN_RESIDUE = Pattern.compile("[(（]?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*[)）]");

    @Autowired
    IngestClient client;

    @Test
    void theSeedFileBecomesFiveCleanEssaysAndAPreface() throws Exception {
        byte[] seed = SeedCorpus.bytes();
        Answer answer = client.postFile("000_46f25000791b86e7.txt", seed, null);
        assertTrue(answer.status() == 202 || answer.status() == 200, answer.raw());
        assertEquals("UTF-8", answer.text("encoding"));
        assertTrue(answer.text("description").startsWith("培育發展新質生產力"), answer.text("description"));

        JsonNode documents = answer.body().path("documents");
        assertEquals(5, documents.size(), answer.raw());
        List<String> ids = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            JsonNode essay = documents.get(n - 1);
            assertEquals("2024學習“新質生產力”心得體會感悟" + n, essay.path("title").asString());
            assertTrue(essay.path("repairs").path("pinyinAnnotations").asInt() > 100, essay.toString());
            ids.add(essay.path("id").asString());
        }
        List<ConsumerRecord<String, DocumentIngested>> events = TopicReader.ingested(ids::contains, 5);
        assertEquals(5, events.stream().map(ConsumerRecord::key).distinct().count());
        for (ConsumerRecord<String, DocumentIngested> event : events) {
            assertFalse(PINYIN_RESIDUE.matcher(event.value().body()).find(),
                "pinyin residue in " + event.value().title());
            assertFalse(event.value().body().contains(",,"), event.value().title());
        }

        Answer again = client.postFile("000_46f25000791b86e7.txt", seed, null);
        assertEquals(200, again.status(), "the same file again changes nothing: " + again.raw());
        assertEquals("UNCHANGED", again.text("status"));
    }

    @Test
    void splitFalseKeepsACompilationAsOneDocument() throws Exception {
        byte[] seed = SeedCorpus.bytes();
        Answer answer = client.postFile("whole.txt", seed, "split=false&title=" + java.net.URLEncoder.encode("合集", "UTF-8"));
        assertEquals(1, answer.body().path("documents").size(), answer.raw());
        assertEquals("合集", answer.body().path("documents").get(0).path("title").asString());
    }

    @Test
    void eachSupportedEncodingIsDetectedAndReported() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(Fixtures.ESSAY_GB18030, "GB18030");
        expected.put(Fixtures.ESSAY_BIG5, "Big5");
        expected.put(Fixtures.ESSAY_UTF16LE_BOM, "UTF-16LE");
        expected.put(Fixtures.ESSAY_UTF8_BOM, "UTF-8 (BOM)");
        for (Map.Entry<String, String> file : expected.entrySet()) {
            Answer answer = client.postFile(fileName(file.getKey()), Fixtures.bytes(file.getKey()), "split=false");
            assertTrue(answer.status() == 202 || answer.status() == 200, file.getKey() + ": " + answer.raw());
            assertEquals(file.getValue(), answer.text("encoding"), file.getKey());
        }
        Answer plain = client.postText(Fixtures.bytes(Fixtures.ESSAY_GB18030), "title=plain&split=false");
        assertEquals("GB18030", plain.text("encoding"), plain.raw());
    }

    @Test
    void docxPdfAndHtmlFilesAreExtractedToChineseText() throws Exception {
        for (String file : List.of(Fixtures.ESSAY_DOCX, Fixtures.ESSAY_PDF, Fixtures.ESSAY_HTML)) {
            Answer answer = client.postFile(fileName(file), Fixtures.bytes(file), "split=false");
            assertTrue(answer.status() == 202 || answer.status() == 200, file + ": " + answer.raw());
            String id = answer.text("id");
            DocumentIngested event = TopicReader.ingested(id::equals, 1).getLast().value();
            assertTrue(event.body().contains("新質生產力") || event.body().contains("新质生产力"), file + ": " + event.body());
        }
    }

    @Test
    void badFilesGetTheirOwnStatusAndError() throws Exception {
        assertError(client.postFile("tool.exe", new byte[] {0x4d, 0x5a, 1, 2}, null), 415, "unsupported_type");
        assertError(client.postFile("empty.txt", new byte[0], null), 400, "empty_file");
        assertError(client.postFile("big.txt", new byte[400 * 1024], null), 413, "file_too_large");
        assertError(client.postFile("truncated.pdf", Fixtures.bytes(Fixtures.TRUNCATED_PDF), null), 400, "malformed_file");
        Answer undecodable = client.postFile("broken.txt", Fixtures.bytes(Fixtures.BROKEN_UTF8), null);
        assertError(undecodable, 400, "undecodable_text");
        assertTrue(undecodable.body().path("byteOffset").isNumber(), undecodable.raw());
    }

    @Test
    void aBatchReportsEachFileAndABadFileDoesNotStopTheOthers() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a.big5.txt", Fixtures.bytes(Fixtures.ESSAY_BIG5));
        files.put("b.exe", new byte[] {0x4d, 0x5a});
        files.put("c.docx", Fixtures.bytes(Fixtures.ESSAY_DOCX));
        Answer answer = client.postBatch(files);
        assertEquals(200, answer.status(), answer.raw());
        JsonNode results = answer.body().path("files");
        assertEquals(List.of("a.big5.txt", "b.exe", "c.docx"),
            IntStream.range(0, 3).mapToObj(i -> results.get(i).path("file").asString()).toList());
        assertTrue(List.of(200, 202).contains(results.get(0).path("status").asInt()), answer.raw());
        assertEquals(415, results.get(1).path("status").asInt());
        assertEquals("unsupported_type", results.get(1).path("error").path("error").asString());
        assertTrue(List.of(200, 202).contains(results.get(2).path("status").asInt()), answer.raw());
    }

    private static void assertError(Answer answer, int status, String error) {
        assertEquals(status, answer.status(), answer.raw());
        assertEquals(error, answer.text("error"), answer.raw());
        assertFalse(answer.text("detail").isBlank());
    }

    /** The fixture's file name, as an editor's upload names it. */
    private static String fileName(String fixture) {
        return fixture.substring(fixture.lastIndexOf('/') + 1);
    }
}
