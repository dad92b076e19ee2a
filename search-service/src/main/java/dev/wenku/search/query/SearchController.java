package dev.wenku.search.query;

import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SearchController {

    private final DocumentSearch search;

    public SearchController(DocumentSearch search) {
        this.search = search;
    }

    @GetMapping("/api/search")
    public SearchResult search(@RequestParam(required = false) String q,
                               @RequestParam(defaultValue = "0") int from,
                               @RequestParam(defaultValue = "10") int size) throws IOException {
        return search.search(q, from, size);
    }
}
