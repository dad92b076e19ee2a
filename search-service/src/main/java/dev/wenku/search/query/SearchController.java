package dev.wenku.search.query;

import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SearchController {

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
                               @RequestParam(defaultValue = "0") int from,
                               @RequestParam(defaultValue = "10") int size,
                               @RequestParam(defaultValue = "relevance") String sort) throws IOException {
        return search.search(new SearchRequest(q, theme, keyword, entity, from, size, sort));
    }

    /** Completions of a prefix typed in characters, pinyin or initials. */
    @GetMapping("/api/search/suggest")
    public DocumentLookup.Suggestions suggest(@RequestParam(required = false) String q) throws IOException {
        return lookup.suggest(q);
    }

    @GetMapping("/api/documents/{id}/related")
    public DocumentLookup.Related related(@PathVariable String id,
                                          @RequestParam(defaultValue = "5") int size) throws IOException {
        return lookup.related(id, size);
    }

    /** The whole document as readers read it: original text, summary, keywords, themes, entities. */
    @GetMapping("/api/documents/{id}/reading")
    public DocumentLookup.Reading reading(@PathVariable String id) throws IOException {
        return lookup.reading(id);
    }
}
