package dev.wenku.search.query;

import dev.wenku.support.problem.ApiException;
import dev.wenku.text.DisplayScript;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SearchController {

    private static final String ORIGINAL = "original";

    private final DocumentSearch search;
    private final DocumentLookup lookup;

    public SearchController(DocumentSearch search, DocumentLookup lookup) {
        this.search = search;
        this.lookup = lookup;
    }

    @GetMapping("/api/search")
    public SearchResult search(@RequestParam(required = false) String q,
                               @RequestParam(required = false) String theme,
                               @RequestParam(required = false) String keyword,
                               @RequestParam(required = false) String entity,
                               @RequestParam(required = false) String author,
                               @RequestParam(defaultValue = "0") int from,
                               @RequestParam(defaultValue = "10") int size,
                               @RequestParam(defaultValue = "relevance") String sort,
                               @RequestParam(defaultValue = "true") boolean correct,
                               @RequestParam(required = false) String mode,
                               @RequestParam(defaultValue = ORIGINAL) String script) throws IOException {
        DisplayScript display = script(script);
        return search.search(new SearchRequest(q, theme, keyword, entity, author, from, size, sort, correct, mode))
            .in(display);
    }

    /** Completions of a prefix typed in characters, pinyin or initials. */
    @GetMapping("/api/search/suggest")
    public DocumentLookup.Suggestions suggest(@RequestParam(required = false) String q) throws IOException {
        return lookup.suggest(q);
    }

    @GetMapping("/api/documents/{id}/related")
    public DocumentLookup.Related related(@PathVariable String id,
                                          @RequestParam(defaultValue = "5") int size,
                                          @RequestParam(required = false) String mode,
                                          @RequestParam(defaultValue = ORIGINAL) String script) throws IOException {
        DisplayScript display = script(script);
        return lookup.related(id, size, mode).in(display);
    }

    /** "More like this passage": other documents' passages nearest in meaning to passage {@code number}. */
    @GetMapping("/api/documents/{id}/passages/{number}/similar")
    public DocumentLookup.SimilarPassages similarPassages(@PathVariable String id, @PathVariable int number,
                                                          @RequestParam(defaultValue = "5") int size,
                                                          @RequestParam(defaultValue = ORIGINAL) String script)
            throws IOException {
        DisplayScript display = script(script);
        return lookup.similarPassages(id, number, size).in(display);
    }

    /** The whole document as readers read it: original text, summary, keywords, themes, entities. */
    @GetMapping("/api/documents/{id}/reading")
    public DocumentLookup.Reading reading(@PathVariable String id,
                                          @RequestParam(defaultValue = ORIGINAL) String script) throws IOException {
        DisplayScript display = script(script);
        return lookup.reading(id).in(display);
    }

    /** The display script a reader asked for: {@code original} (as uploaded), {@code simplified}, {@code traditional}. */
    private static DisplayScript script(String name) {
        return DisplayScript.named(name).orElseThrow(() -> ApiException.invalidParameter("script",
            "script must be original, simplified or traditional, got '" + name + "'."));
    }
}
