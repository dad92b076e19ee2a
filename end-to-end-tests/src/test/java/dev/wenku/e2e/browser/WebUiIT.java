package dev.wenku.e2e.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.jayway.jsonpath.JsonPath;
import dev.wenku.e2e.OnSharedPlatform;
import dev.wenku.e2e.SharedPlatform;
import dev.wenku.infrastructure.launcher.Credentials;
import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.GatewaySession;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.SearchReadiness;
import dev.wenku.infrastructure.launcher.SeedLoader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web UI in a real browser against the embedded platform with the seed loaded: a reader searches, an editor
 * uploads a file and watches it become searchable, searches the document list, edits a document and reads its
 * history, and resolves an edit that conflicts with someone else's; an operator sees the pipeline's figures. A failing
 * test leaves a screenshot and the page source in {@code target/browser-failures/}.
 */
@OnSharedPlatform(order = 1)
class WebUiIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Characters written alike in Simplified and Traditional script, for titles no other document has. */
    private static final String STEMS = "甲乙丙丁戊己庚辛壬癸";

    private static LocalPlatform platform;
    /** Another session of the editor's account: "someone else" changing documents behind the browser's back. */
    private static String colleague;
    private Browser browser;

    @RegisterExtension
    final TestWatcher evidence = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.saveEvidence(context.getRequiredTestMethod().getName());
            }
        }
    };

    @BeforeAll
    static void startPlatformWithTheSeed() throws Exception {
        assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are installed (.ci/run installs them)");
        ProjectLayout layout = SharedPlatform.layout();
        platform = SharedPlatform.platform();
        List<SeedLoader.Upload> uploads = SeedLoader.loadAll(layout.seeds(), platform.gatewayUrl(),
            platform.accounts().editor(), null);
        assertTrue(uploads.getFirst().accepted(), uploads.toString());
        SearchReadiness.await(platform.gatewayUrl(), "\"心得体会感悟\"", 5);
        colleague = GatewaySession.logIn(platform.gatewayUrl(), platform.accounts().editor());
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browser = new Browser();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aReaderSearchesAndSeesHighlightedResultsFacetsSuggestionsAndTheReadingView() {
        browser.driver.get(platform.gatewayUrl() + "/");
        WebElement box = browser.driver.findElement(By.id("q"));
        box.sendKeys("xinzhi");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#suggestions li")));

        box.clear();
        box.sendKeys("新質生產力");
        browser.driver.findElement(By.id("search-button")).click();
        browser.wait.until(d -> d.findElements(By.cssSelector("#results .result")).size() >= 5);
        assertFalse(browser.driver.findElements(By.cssSelector("#results .result em")).isEmpty(), "highlights");
        List<WebElement> facets = browser.driver.findElements(By.cssSelector("#facets .facet-value"));
        assertFalse(facets.isEmpty(), "facets");

        facets.getFirst().click();
        browser.wait.until(d -> !d.findElements(By.cssSelector("#filters *")).isEmpty());
        browser.wait.until(d -> !d.findElements(By.cssSelector("#results .result")).isEmpty());

        browser.driver.findElement(By.cssSelector("#results .result a")).click();
        browser.wait.until(d -> !d.findElement(By.id("reading-title")).getText().isBlank());
        browser.wait.until(d -> !d.findElement(By.id("reading-body")).getText().isBlank());
        browser.wait.until(d -> !d.findElements(By.cssSelector("#related li")).isEmpty());
    }

    /**
     * Issue 19, item 1, as a reader sees it: pinyin finds the seed's essays by words that are not among their keywords
     * (创新; 数字化 typed with spaces and tone marks, highlighted in the original text), and every fragment shown begins
     * where a clause does.
     */
    @Test
    void aReaderFindsTheEssaysByThePinyinOfAnyWordWithSpacesAndToneMarks() {
        browser.driver.get(platform.gatewayUrl() + "/#q=chuangxin");
        browser.await("chuangxin finds essays of the seed", () -> seedEssaysShown() >= 3);
        search("shù zì huà");
        browser.await("shù zì huà finds essays of the seed with 数字化 highlighted", () -> seedEssaysShown() >= 2
            && browser.texts(By.cssSelector("#results .result em")).stream()
                .anyMatch(em -> em.equals("数字化") || em.equals("數字化")));
        for (String fragment : browser.texts(By.cssSelector("#results .result-highlights .highlight"))) {
            assertFalse(!fragment.isEmpty() && "、，。；：！？".indexOf(fragment.charAt(0)) >= 0,
                "a fragment begins with punctuation: " + fragment);
        }
    }

    /** Issue 19, item 2: a word with one wrong character finds what it meant, and the page says what it searched. */
    @Test
    void aReaderWhoMistypesACharacterSeesTheResultsOfTheCorrectedQuery() {
        browser.driver.get(platform.gatewayUrl() + "/#q=" + URLEncoder.encode("新质生厂力", StandardCharsets.UTF_8));
        browser.await("the essays of 新质生产力 are shown for 新质生厂力", () -> seedEssaysShown() >= 3
            && browser.text(By.id("did-you-mean")).contains("新质生产力"));
        browser.driver.findElement(By.cssSelector("#did-you-mean .corrected-query")).click();
        browser.await("the corrected query becomes the reader's own", () -> browser.driver.findElement(By.id("q"))
            .getDomProperty("value").equals("新质生产力") && !browser.driver.findElement(By.id("did-you-mean")).isDisplayed());
    }

    /** Issue 19, item 3, as a reader sees it: the author under each title, an author facet and {@code 作者:}. */
    @Test
    void aReaderNarrowsTheResultsToAnAuthorByTheFacetOrByTypingIt() throws Exception {
        String marker = marker();
        sendJson("POST", "/api/documents", Map.of("title", "靜夜思 " + marker, "body", "牀前明月光，疑是地上霜。" + marker,
            "author", "李白"), null);
        sendJson("POST", "/api/documents", Map.of("title", "春望 " + marker, "body", "國破山河在，城春草木深。" + marker,
            "author", "杜甫"), null);
        String query = URLEncoder.encode(marker, StandardCharsets.UTF_8);
        browser.await("both poems are indexed", () -> {
            String found = send(HttpRequest.newBuilder(uri("/api/search?q=" + query)).GET()).body();
            return found.contains("靜夜思 " + marker) && found.contains("春望 " + marker);
        });
        browser.driver.get(platform.gatewayUrl() + "/#q=" + query);
        browser.await("both poems are found, each under its author", () -> browser.texts(By.cssSelector(
            "#results .result-author")).stream().sorted().toList().equals(List.of("李白", "杜甫")));

        browser.driver.findElement(By.cssSelector("#facets .facet-value[data-facet='author'][data-value='李白']")).click();
        browser.await("the author facet leaves 李白's poem only", () -> resultTitles().equals(List.of("靜夜思 " + marker)));
        assertTrue(browser.text(By.id("filters")).contains("作者：李白"), browser.text(By.id("filters")));

        browser.driver.get(platform.gatewayUrl() + "/#q="
            + URLEncoder.encode("作者:杜甫 " + marker, StandardCharsets.UTF_8));
        browser.await("作者:杜甫 finds 杜甫's poem", () -> resultTitles().equals(List.of("春望 " + marker)));
    }

    private List<String> resultTitles() {
        return browser.texts(By.cssSelector("#results .result-title"));
    }

    private void search(String query) {
        WebElement box = browser.driver.findElement(By.id("q"));
        box.clear();
        box.sendKeys(query);
        browser.driver.findElement(By.id("search-button")).click();
    }

    private long seedEssaysShown() {
        return browser.texts(By.cssSelector("#results .result")).stream()
            .filter(result -> result.contains("新质生产力") || result.contains("新質生產力")).count();
    }

    @Test
    void anEditorLogsInUploadsAFileAndWatchesItBecomeIndexed() throws Exception {
        String marker = "浏览器" + UUID.randomUUID().toString().substring(0, 6);
        Path file = Files.createTempDirectory("wenku-upload-").resolve("essay-" + marker.substring(3) + ".txt");
        Files.writeString(file, "学习心得 " + marker + "\n\n发展新质生产力是推动高质量发展的内在要求和重要着力点。" + marker,
            Charset.forName("GB18030"));

        browser.driver.get(platform.gatewayUrl() + "/editor.html");
        logIn(platform.accounts().editor());
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("editor-panel")));
        browser.driver.findElement(By.id("upload-file")).sendKeys(file.toAbsolutePath().toString());
        browser.driver.findElement(By.id("upload-button")).click();

        By row = By.xpath("//table[@id='documents']//tr[@data-id][contains(., '" + marker + "')]");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(row));
        browser.wait.until(d -> "INDEXED".equals(d.findElement(row).findElement(By.cssSelector(".status-code"))
            .getText().strip()));
        Directories.deleteRecursively(file.getParent());
    }

    @Test
    void anOperatorSeesNonZeroPipelineCountsAndServiceHealth() {
        browser.driver.get(platform.gatewayUrl() + "/operator.html");
        logIn(platform.accounts().operator());
        browser.wait.until(d -> number(d.findElement(By.cssSelector("#counts [data-metric='indexed']")).getText()) > 0);
        assertTrue(number(browser.driver.findElement(By.cssSelector("#counts [data-metric='ingested']")).getText()) > 0);
        browser.wait.until(d -> d.findElements(By.cssSelector("#services li.up")).size() == 3);
        browser.wait.until(d -> number(d.findElement(By.cssSelector("[data-freshness='p50Seconds']")).getText()) > 0);
        browser.wait.until(d -> !d.findElements(By.cssSelector("table#lag tbody tr:not(.empty-row)")).isEmpty());
        // The single broker answers; nothing is down, short of replicas or offline.
        browser.wait.until(d -> d.findElement(By.id("kafka-brokers")).getText().contains("127.0.0.1:"));
        assertEquals("无", browser.text(By.id("kafka-brokers-down")));
        assertEquals("无", browser.text(By.id("kafka-under-replicated")));
        assertEquals("无", browser.text(By.id("kafka-offline")));
        // The single Elasticsearch node answers, with every shard assigned (no replicas are asked for on one node).
        browser.wait.until(d -> d.findElement(By.id("elasticsearch-nodes")).getText().contains("127.0.0.1:"));
        assertEquals("green", browser.text(By.id("elasticsearch-status")));
        assertEquals("无", browser.text(By.id("elasticsearch-nodes-down")));
        assertEquals("0", browser.text(By.id("elasticsearch-unassigned")));
        // Caught up: every consumer group's backlog row reads 0 and nothing to drain.
        browser.wait.until(d -> {
            List<WebElement> groups = d.findElements(By.cssSelector("table#backlog tbody tr[data-group]"));
            return !groups.isEmpty() && groups.stream().allMatch(g -> {
                List<WebElement> cells = g.findElements(By.tagName("td"));
                return "0".equals(cells.get(1).getText().strip()) && "—".equals(cells.get(4).getText().strip());
            });
        });
    }

    @Test
    void anEditorIsRefusedTheOperatorsPage() {
        browser.driver.get(platform.gatewayUrl() + "/operator.html");
        logIn(platform.accounts().editor());
        browser.wait.until(d -> d.findElements(By.cssSelector("#operator-error, #login-error")).stream()
            .anyMatch(e -> e.isDisplayed() && !e.getText().isBlank()));
        assertEquals(0, browser.driver.findElements(By.cssSelector("#services li.up")).size());
    }

    @Test
    void anEditorSearchesTheListInTraditionalScriptAndFindsTheSimplifiedTitle() throws Exception {
        String marker = marker();
        String title = "新质生产力学习体会" + marker;
        createDocument(title, "发展新质生产力是推动高质量发展的内在要求和重要着力点。");

        openDocumentList();
        browser.type(By.id("filter-q"), "生產力學習體會" + marker);
        browser.await("the list shows only the Simplified title", () -> rowTitles().equals(List.of(title)));
        assertEquals("共 1 篇", browser.text(By.id("documents-total")));
    }

    @Test
    void anEditorEditsADocumentAndSeesTheInsertedAndDeletedTextInItsHistory() throws Exception {
        String marker = marker();
        String title = "修订记录" + marker;
        String removed = "这一句将被删去。";
        String added = "补充一个新观点。";
        createDocument(title, "发展新质生产力要因地制宜。" + removed + "各地要结合实际情况。");

        openDocumentList();
        showOnly(marker, title);
        browser.click(rowButton(title, "edit-button"));
        browser.await("the edit dialog shows the text", () -> browser.value(By.id("edit-body")).contains(removed));
        browser.type(By.id("edit-body"), "发展新质生产力要因地制宜。各地要结合实际情况。" + added);
        browser.click(By.id("edit-save"));
        browser.await("the edit is saved as version 2", () -> browser.text(By.id("editor-message")).contains("已保存为第 2 版"));

        browser.click(rowButton(title, "history-button"));
        browser.await("the history lists both versions", () -> browser.texts(By.cssSelector("#history-versions li"))
            .size() == 2);
        browser.await("the newest version's change is shown", () -> browser.shows(By.cssSelector("#diff-view .diff-text")));
        assertEquals(List.of(added), browser.texts(By.cssSelector("#diff-view .diff-text ins")));
        assertEquals(List.of(removed), browser.texts(By.cssSelector("#diff-view .diff-text del")));
        assertTrue(browser.text(By.id("diff-heading")).contains("第 1 版 → 第 2 版"), browser.text(By.id("diff-heading")));
    }

    @Test
    void anEditorWhoseDocumentChangedMeanwhileSeesTheConflictComparesAndOverwrites() throws Exception {
        String marker = marker();
        String title = "并发修改" + marker;
        String id = createDocument(title, "原来的第一句。原来的第二句。");

        openDocumentList();
        showOnly(marker, title);
        browser.click(rowButton(title, "edit-button"));
        browser.await("the edit dialog shows the text", () -> browser.value(By.id("edit-body")).contains("原来的第二句。"));

        HttpResponse<String> meanwhile = sendJson("PUT", "/api/documents/" + id,
            Map.of("title", title, "body", "原来的第一句。原来的第二句。同事补充的话。"), "\"v1\"");
        assertEquals(202, meanwhile.statusCode(), meanwhile.body());

        String mine = "原来的第一句。我改写了第二句。";
        browser.type(By.id("edit-body"), mine);
        browser.click(By.id("edit-save"));
        browser.await("the conflict is explained", () -> browser.shows(By.id("edit-conflict"))
            && browser.text(By.id("edit-conflict-text")).contains("已被他人修改"));
        assertTrue(browser.shows(By.id("edit-dialog")), "the dialog stays open with the editor's text");
        assertEquals(mine, browser.value(By.id("edit-body")));

        browser.click(By.id("edit-show-latest"));
        browser.await("the colleague's change is shown", () -> browser.texts(By.cssSelector("#edit-compare-diff ins"))
            .equals(List.of("同事补充的话。")));

        browser.click(By.id("edit-overwrite"));
        browser.await("the overwrite is saved as version 3", () -> browser.text(By.id("editor-message"))
            .contains("已保存为第 3 版"));
        browser.await("the row shows version 3", () -> "3".equals(browser.driver.findElement(row(title))
            .findElement(By.cssSelector(".version")).getText().strip()));
        assertVersionBody(id, 3, mine);
    }

    @Test
    void anEditorRestoresAnOlderVersionFromTheHistory() throws Exception {
        String marker = marker();
        String title = "恢复旧版" + marker;
        String first = "第一版的正文，后来被改掉了。";
        String id = createDocument(title, first);
        HttpResponse<String> edited = sendJson("PUT", "/api/documents/" + id,
            Map.of("title", title, "body", "第二版的正文完全不同。"), "\"v1\"");
        assertEquals(202, edited.statusCode(), edited.body());

        openDocumentList();
        showOnly(marker, title);
        browser.click(rowButton(title, "history-button"));
        browser.await("the history lists both versions", () -> browser.texts(By.cssSelector("#history-versions li"))
            .size() == 2);
        browser.click(By.cssSelector("#history-versions button[data-version='1']"));
        browser.await("version 1 is selected and restorable", () -> browser.driver.findElement(By.id("history-restore"))
            .isEnabled() && browser.text(By.id("diff-heading")).contains("第 1 版"));
        browser.click(By.id("history-restore"));
        browser.await("the restore is reported as version 3", () -> browser.text(By.id("history-status"))
            .contains("恢复为新的第 3 版"));
        browser.await("the history shows version 3, restored from 1", () -> browser.texts(
            By.cssSelector("#history-versions li")).getFirst().contains("恢复自第 1 版"));
        assertVersionBody(id, 3, first);
    }

    @Test
    void anEditorNarrowsTheListByTheDateOfTheLastChange() throws Exception {
        String marker = marker();
        String title = "日期筛选" + marker;
        createDocument(title, "按最后修改日期筛选文档列表。");

        openDocumentList();
        showOnly(marker, title);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
        setDate("filter-since", tomorrow);
        browser.await("nothing changed since tomorrow", () -> rowTitles().isEmpty()
            && browser.text(By.id("documents-total")).equals("共 0 篇"));
        setDate("filter-since", today);
        setDate("filter-until", tomorrow);
        browser.await("changed today", () -> rowTitles().equals(List.of(title)));
    }

    @Test
    void anEditorImportsAnNdjsonFileAndSeesItsProgressAndRejectedLines() throws Exception {
        String marker = marker();
        Path file = Files.createTempDirectory("wenku-import-").resolve("poems-" + marker + ".ndjson");
        Files.writeString(file, "{\"title\": \"導入一" + marker + "\", \"body\": \"床前明月光，疑是地上霜。\"}\n"
            + "{\"title\": \"半行\n"
            + "{\"title\": \"導入二" + marker + "\", \"body\": \"舉頭望明月，低頭思故鄉。\"}\n");
        openDocumentList();
        browser.driver.findElement(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
        browser.click(By.id("import-button"));
        By entry = By.xpath("//ol[@id='imports']/li[.//*[contains(@class, 'import-name')][text()='"
            + file.getFileName() + "']]");
        browser.await("the import is done and its documents searchable", () -> !browser.driver.findElements(entry)
            .isEmpty() && browser.driver.findElement(entry).getText().contains("已完成")
            && browser.driver.findElement(entry).getText().contains("可检索 2 / 2"));
        assertTrue(browser.driver.findElement(entry).getText().contains("拒绝 1"),
            browser.driver.findElement(entry).getText());
        browser.driver.findElement(entry).findElement(By.cssSelector("button.rejections-button")).click();
        browser.await("the rejected line is listed with its number and code", () -> browser.driver.findElement(entry)
            .getText().contains("第 2 行") && browser.driver.findElement(entry).getText().contains("malformed_json"));
        showOnly("導入一" + marker, "導入一" + marker);
        Directories.deleteRecursively(file.getParent());
    }

    @Test
    void anEditorImportsAZipAndSeesItsRejectedFilesByName() throws Exception {
        String marker = marker();
        Path file = Files.createTempDirectory("wenku-import-").resolve("essays-" + marker + ".zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file), StandardCharsets.UTF_8)) {
            zipEntry(zip, "诗/春晓" + marker + ".txt", "春曉\n\n春眠不覺曉，處處聞啼鳥。" + marker);
            zipEntry(zip, "诗/空的.txt", "");
        }
        openDocumentList();
        browser.driver.findElement(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
        browser.click(By.id("import-button"));
        By entry = By.xpath("//ol[@id='imports']/li[.//*[contains(@class, 'import-name')][text()='"
            + file.getFileName() + "']]");
        browser.await("the zip's files are read and its document searchable", () -> !browser.driver.findElements(entry)
            .isEmpty() && browser.driver.findElement(entry).getText().contains("已完成")
            && browser.driver.findElement(entry).getText().contains("可检索 1 / 1"));
        browser.driver.findElement(entry).findElement(By.cssSelector("button.rejections-button")).click();
        browser.await("the rejected file is listed by its name and code", () -> browser.driver.findElement(entry)
            .getText().contains("诗/空的.txt") && browser.driver.findElement(entry).getText().contains("empty_file"));
        Directories.deleteRecursively(file.getParent());
    }

    /**
     * Issue 19, item 6: a corpus unlike the seed gets themes of its own. The editor asks for topics suggested from
     * the corpus, names one and adds it; the taxonomy (as the analysis keeps it) then has the theme with the
     * suggested words.
     */
    @Test
    void anEditorAddsATopicSuggestedFromTheCorpusAsATheme() throws Exception {
        String label = "新主题" + marker();
        openDocumentList();
        browser.await("the taxonomy is listed", () -> browser.text(By.id("themes")).contains("科技创新"));
        browser.click(By.id("themes-suggest"));
        By firstSuggestion = By.cssSelector("#theme-suggestions form.theme-suggestion");
        browser.await("topics are suggested", () -> browser.shows(firstSuggestion));
        String words = browser.driver.findElement(firstSuggestion).findElement(By.cssSelector(".theme-terms"))
            .getText().strip();
        browser.type(By.id("suggestion-label-0"), label);
        browser.type(By.id("suggestion-id-0"), "Not An Id");
        browser.driver.findElement(firstSuggestion).findElement(By.tagName("button")).click();
        browser.await("a malformed id is named", () -> browser.driver.findElement(firstSuggestion).getText()
            .contains("标识只能由小写字母"));
        browser.type(By.id("suggestion-id-0"), "corpus-topic-1");
        browser.driver.findElement(firstSuggestion).findElement(By.tagName("button")).click();
        browser.await("the theme is added", () -> browser.text(By.id("themes")).contains(label)
            && browser.text(By.id("themes-status")).contains("已加入主题“" + label + "”"));

        HttpResponse<String> taxonomy = send(HttpRequest.newBuilder(uri("/api/themes")).GET());
        List<String> terms = JsonPath.read(taxonomy.body(), "$.themes[?(@.id == 'corpus-topic-1')].terms[*]");
        assertEquals(words, String.join("、", terms), taxonomy.body());
        assertEquals(List.of(label), JsonPath.read(taxonomy.body(), "$.themes[?(@.id == 'corpus-topic-1')].label"));
    }

    private static void zipEntry(ZipOutputStream zip, String name, String text) throws java.io.IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** What the registry stores as the body of version {@code version} of document {@code id}. */
    private static void assertVersionBody(String id, int version, String expected) throws Exception {
        HttpResponse<String> stored = send(HttpRequest.newBuilder(uri("/api/documents/" + id + "/versions/" + version))
            .GET());
        assertEquals(expected, JsonPath.read(stored.body(), "$.body"), stored.body());
    }

    /** A date input's value as the date picker would set it (typing depends on the browser's locale). */
    private void setDate(String id, String isoDate) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("arguments[0].value = arguments[1];"
            + " arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
            browser.driver.findElement(By.id(id)), isoDate);
    }

    private void openDocumentList() {
        browser.driver.get(platform.gatewayUrl() + "/editor.html");
        logIn(platform.accounts().editor());
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("editor-panel")));
    }

    /** Searches the list for {@code query} until it shows just the document titled {@code title}. */
    private void showOnly(String query, String title) {
        browser.type(By.id("filter-q"), query);
        browser.await("the list shows only " + title, () -> rowTitles().equals(List.of(title)));
    }

    private List<String> rowTitles() {
        return browser.texts(By.cssSelector("#documents tbody tr .doc-title"));
    }

    /** The list's row of the document titled {@code title}. */
    private static By row(String title) {
        return By.xpath(rowPath(title));
    }

    private static By rowButton(String title, String buttonClass) {
        return By.xpath(rowPath(title) + "//button[contains(@class, '" + buttonClass + "')]");
    }

    private static String rowPath(String title) {
        return "//table[@id='documents']//tr[@data-id][.//*[contains(@class, 'doc-title')][text()='" + title + "']]";
    }

    /** Six characters no other title has (written alike in both scripts). */
    private static String marker() {
        StringBuilder marker = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            marker.append(STEMS.charAt(ThreadLocalRandom.current().nextInt(STEMS.length())));
        }
        return marker.toString();
    }

    /** Stores a document through the API as the colleague; returns its id. */
    private static String createDocument(String title, String body) throws Exception {
        HttpResponse<String> answer = sendJson("POST", "/api/documents", Map.of("title", title, "body", body), null);
        assertEquals(202, answer.statusCode(), answer.body());
        return JsonPath.read(answer.body(), "$.id");
    }

    private static HttpResponse<String> sendJson(String method, String path, Map<String, String> body, String ifMatch)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return send(ifMatch == null ? request : request.header("If-Match", ifMatch));
    }

    private static URI uri(String path) {
        return URI.create(platform.gatewayUrl() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.header("Authorization", colleague).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private void logIn(Credentials account) {
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
        browser.driver.findElement(By.id("login-username")).sendKeys(account.username());
        browser.driver.findElement(By.id("login-password")).sendKeys(account.password());
        browser.driver.findElement(By.id("login-button")).click();
    }

    private static double number(String text) {
        String digits = text.replaceAll("[^0-9.]", "");
        return digits.isEmpty() ? 0 : Double.parseDouble(digits);
    }
}
