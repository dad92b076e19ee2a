package dev.wenku.search.query;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.query_dsl.FunctionBoostMode;
import co.elastic.clients.elasticsearch._types.query_dsl.FunctionScore;
import co.elastic.clients.elasticsearch._types.query_dsl.FunctionScoreMode;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.HighlightField;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.HighlighterEncoder;
import co.elastic.clients.util.NamedValue;
import dev.wenku.search.SearchProperties;
import dev.wenku.search.index.DocumentIndex;
import dev.wenku.search.semantic.Passage;
import dev.wenku.search.semantic.SemanticSearch;
import dev.wenku.text.HanText;
import dev.wenku.text.PinyinText;
import dev.wenku.text.SimplifiedScript;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Full-text search over the Simplified title, author and text (so Simplified and Traditional queries match both
 * scripts), pinyin and initials of titles, keywords and the text's words, with facet filters, facets, highlights
 * shown in the original script, and a corrected query when the reader's finds nothing. The reader's words only ever
 * become the text of match and term queries. Where the embedding stage runs, a search may also find documents by
 * meaning ({@link SearchMode}): their ranking by passage vectors is fused with the lexical one ({@link #fused}).
 */
@Component
public class DocumentSearch {

    static final String TITLE = "simplifiedTitle";
    static final String BODY = "simplifiedBody";
    /** The author, matched by a reader's words with a weight between the title's and the text's. */
    static final String AUTHOR = "simplifiedAuthor";
    /** The author as one value (Simplified): the facet, the filter and {@code 作者:}'s exact match. */
    private static final String AUTHOR_EXACT = AUTHOR + ".exact";
    /** The facets of a page of results, by the name the answer gives them ({@link #facetField}: what each counts). */
    private static final List<String> FACETS = List.of("themes", "keywords", "entities", "authors");
    private static final int FACET_SIZE = 10;
    /**
     * What a word that is exactly an author's name (or its pinyin) multiplies a document of that author's score by. A
     * reader who types a poet's name wants the poet's poems: added as a score, the name lost to the texts that have
     * it in a short title ({@code 贈李白}, {@code 送王昌齡}), since a field's weights go by its own statistics and a
     * name many documents share weighs little; on the judged set of the poetry corpus, the poet's own poem ranked
     * first for 2 of 27 names. Multiplied, the author's texts come first and keep their order among themselves.
     */
    private static final float AUTHOR_NAME_FACTOR = 10f;
    /**
     * What a document whose text has a line the reader typed ({@link #isLine}), or whose title is exactly it,
     * multiplies its score by. A title that only quotes the line scores high without it: titles are short, their
     * character pairs rare, and the title weighs double; on the whole poetry corpus ten Song poems titled
     * 辛酉大雪戲成十詩以千山鳥飛絕萬逕人蹤滅爲韵 ranked above 江雪 for 千山鸟飞绝. Multiplied like an author's name,
     * the poem that has the line, or is called so, comes first whatever the statistics of its fields.
     */
    private static final float LINE_FACTOR = 10f;
    /** The Simplified title as one value: what a line typed as a title is compared with. */
    private static final String TITLE_EXACT = TITLE + ".exact";
    /** The weight of a reader's words found as typed ({@link #inOrder}). */
    private static final float AS_TYPED_BOOST = 2f;
    /** How far apart (in positions of character pairs) words typed together may be to count as close. */
    private static final int NEAR = 8;
    /** What a document with two or more of the reader's words close together multiplies its score by. */
    private static final float CLOSE_FACTOR = 2f;
    /**
     * How many of a line's character pairs may be missing in a second try when a query finds nothing: one wrong
     * character inside a line takes two pairs away (千山鸟非绝 has 千山 and 山鸟 of 千山鸟飞绝, not 鸟非 and 非绝), which
     * the first try's 75 % does not allow for a line of five or six characters, and the corrections cannot mend, a
     * line being no word of the dictionary.
     */
    private static final String LOOSE_LINE = "-2";
    /** The fewest characters of a word taken for a line of a text (a line of a five-character poem). */
    private static final int LINE_CHARACTERS = 5;
    /** Where a reader's words are looked for, and their weights: title above author above text. */
    private static final List<String> SEARCHED_FIELDS = List.of(TITLE + "^2", AUTHOR + "^1.5", BODY);
    /** Longest run of letters taken for the initials of a word (新质生产力 is xzscl). */
    private static final int MAX_INITIALS = 8;

    /** The name of the lexical part of a fused query: a hit that carries it matched the reader's words. */
    private static final String LEXICAL = "lexical";
    /**
     * The score a document found by meaning gets in a fused query, above any score of the reader's words (which
     * multiply a BM25 score by {@value #LINE_FACTOR} and {@value #AUTHOR_NAME_FACTOR} at most): the hits up to the
     * page's depth then hold every such document first. Their order comes from the fusion, not from this score.
     */
    private static final float MEANING_LIFT = 1e20f;
    /** The fields a hit listed without highlights is shown with (related documents, similar passages). */
    static final List<String> LISTED = List.of("id", "title", "author", "keywords", "themes", "summary");
    /** The fields a hit is shown with. */
    private static final List<String> SHOWN = List.of("id", "title", "author", "body", "simplifiedBody", "keywords",
        "themes", "summary");

    private final IndexSearches searches;
    private final SearchProperties properties;
    private final PinyinSpellings pinyinSpellings;
    private final QueryCorrections corrections;
    /** Null where the embedding stage does not run: then only lexical search exists. */
    private final SemanticSearch semanticSearch;

    DocumentSearch(IndexSearches searches, SearchProperties properties, PinyinSpellings pinyinSpellings,
                   QueryCorrections corrections, ObjectProvider<SemanticSearch> semanticSearch) {
        this.searches = searches;
        this.properties = properties;
        this.pinyinSpellings = pinyinSpellings;
        this.corrections = corrections;
        this.semanticSearch = semanticSearch.getIfAvailable();
    }

    /**
     * What search by meaning found for a query, for a semantic or hybrid search.
     *
     * @param mode    semantic (the matches alone) or hybrid (fused with the lexical ranking)
     * @param matches the nearest documents, nearest first, each with its nearest passage
     */
    record Meaning(SearchMode mode, List<SemanticSearch.Match> matches) {

        List<String> ids() {
            return matches.stream().map(SemanticSearch.Match::documentId).toList();
        }

        Passage passageOf(String id) {
            return matches.stream().filter(m -> m.documentId().equals(id)).findFirst()
                .map(SemanticSearch.Match::passage).orElse(null);
        }
    }

    /** The stored fields a result needs. */
    record HitSource(String id, String title, String author, String body, String simplifiedBody,
                     List<String> keywords, List<String> themes, String summary) {

        /** A result of {@code hit}: this document with its score and {@code highlights}. */
        SearchResult.Hit toHit(Hit<HitSource> hit, List<String> highlights) {
            return new SearchResult.Hit(hit.id(), title, author, hit.score() == null ? 0 : hit.score(), highlights,
                keywords == null ? List.of() : keywords, themes == null ? List.of() : themes, summary);
        }
    }

    /**
     * The page of results {@code request} asks for. A query that finds nothing is corrected
     * ({@link QueryCorrections}): if the corrected query finds something, its results are answered, with the
     * corrected query for the reader to see (and to keep or change). Failing that, a line typed with a wrong
     * character ({@link #LOOSE_LINE}) is looked for again with one character of it allowed to differ. In hybrid mode
     * "finds nothing" means the words find nothing (meaning nearly always finds something); in semantic mode nothing
     * is corrected.
     */
    public SearchResult search(SearchRequest request) throws IOException {
        request.validate(properties.maxPageSize());
        SearchMode mode = request.mode(semanticSearch != null);
        return search(request, mode).in(mode);
    }

    private SearchResult search(SearchRequest request, SearchMode mode) throws IOException {
        UserQuery query = UserQuery.parse(request.q().strip()).withSpacedPinyinJoined();
        Meaning meaning = mode.semantic()
            ? new Meaning(mode, semanticSearch.nearest(query.meaning())) : null;
        Page page = search(query, request, false, meaning);
        if (page.wordsFound() || !request.correct() || mode == SearchMode.SEMANTIC) {
            return page.result();
        }
        Optional<UserQuery> corrected = corrections.of(query);
        if (corrected.isPresent()) {
            Page meant = search(corrected.get(), request, false, meaning);
            if (meant.wordsFound()) {
                return meant.result().correctedTo(corrected.get().text());
            }
        }
        if (query.required().stream().flatMap(List::stream).noneMatch(DocumentSearch::isLine)) {
            return page.result();
        }
        Page loose = search(query, request, true, meaning);
        return loose.wordsFound() ? mended(query, loose) : page.result();
    }

    /**
     * A page of results, and the texts of its hits in Simplified script (title, then text), best first: what
     * {@link LineMending} reads a mistyped line's meaning from, and the words a pinyin query spells. The texts are
     * converted only for a loose search or a pinyin word without spellings (empty otherwise): converting every hit's
     * body costs more than the search itself on most queries.
     */
    private record Page(SearchResult result, List<String> texts, boolean wordsFound) {
    }

    /** The loose search's results, with the query the reader meant if its hits say which line that is. */
    private static SearchResult mended(UserQuery query, Page loose) {
        Map<UserQuery.Term, UserQuery.Term> lines = new LinkedHashMap<>();
        query.required().stream().flatMap(List::stream).filter(DocumentSearch::isLine).distinct().forEach(line ->
            LineMending.meant(line.text(), loose.texts()).ifPresent(meant -> lines.put(line, new UserQuery.Term(meant,
                false))));
        return lines.isEmpty() ? loose.result() : loose.result().correctedTo(query.replacing(lines).text());
    }

    private Page search(UserQuery query, SearchRequest request, boolean loose, Meaning meaning) throws IOException {
        if (meaning != null && meaning.mode() == SearchMode.SEMANTIC) {
            return fused(query, Map.of(), request, false, meaning);
        }
        Map<String, List<String>> spellings = pinyinSpellings.of(query);
        Page page = search(query, spellings, request, loose, meaning);
        Map<String, List<String>> spelledInHits = spelledInHits(spellings, page.texts());
        return spelledInHits.isEmpty() ? page : search(query, spelledInHits, request, loose, meaning);
    }

    private Page search(UserQuery query, Map<String, List<String>> spellings, SearchRequest request, boolean loose,
                        Meaning meaning) throws IOException {
        return meaning == null ? lexical(query, spellings, request, loose) : fused(query, spellings, request, loose,
            meaning);
    }

    /**
     * The spellings of the pinyin words nothing was looked up for ({@link PinyinSpellings} reads the words analysis
     * kept, which leave out common ones such as 创新), read from the texts the pinyin found: searched again with them,
     * the page highlights the word the reader spelled. Empty when every pinyin word has its spellings, or none of
     * them is in the texts.
     */
    private static Map<String, List<String>> spelledInHits(Map<String, List<String>> spellings, List<String> texts) {
        Map<String, List<String>> supplemented = new LinkedHashMap<>(spellings);
        boolean found = false;
        for (Map.Entry<String, List<String>> word : spellings.entrySet()) {
            List<String> syllables = PinyinText.typedSyllables(word.getKey());
            if (!word.getValue().isEmpty() || syllables.size() < 2) {
                continue;
            }
            Set<String> spelled = new LinkedHashSet<>();
            texts.forEach(text -> spelled.addAll(PinyinText.spelledIn(text, syllables)));
            if (!spelled.isEmpty()) {
                supplemented.put(word.getKey(), List.copyOf(spelled));
                found = true;
            }
        }
        return found ? supplemented : Map.of();
    }

    /** A page of the documents the reader's words find, ranked by Elasticsearch's score (or by date). */
    private Page lexical(UserQuery query, Map<String, List<String>> spellings, SearchRequest request, boolean loose)
            throws IOException {
        Query filtered = Query.of(q -> q.bool(b -> {
            b.must(query(query, spellings, loose));
            filters(request).forEach(b::filter);
            return b;
        }));
        SearchResponse<HitSource> response = searches.search(s -> {
            shown(s.from(request.from()).size(request.size()).trackTotalHits(t -> t.enabled(true)).query(filtered));
            facets(s);
            if (request.byDate()) {
                s.sort(sort -> sort.field(f -> f.field("ingestedAt").order(SortOrder.Desc)));
            }
            return s;
        }, HitSource.class);
        List<SearchResult.Hit> hits = hits(response);
        long total = total(response, hits.size());
        return new Page(new SearchResult(total, hits, facets(response.aggregations())),
            texts(response, loose, spellings), total > 0);
    }

    /**
     * A page of the documents found by their words, by meaning, or both ({@link Meaning}), in the order of the fused
     * ranking ({@link HybridRanking}); newest first when sorted by date. The union of both is what the total, the
     * facets and the filters apply to. A first request ranks: a lexical query of its own name, whose score each hit
     * carries ({@code include_named_queries_score}), and the documents found by meaning as a clause that lifts them
     * above every document found by words alone, so that its hits hold every document found by meaning that passes
     * the filters, then the best of the others, at least {@code from + size} ({@link #lexicalRanking}), read without
     * their stored fields or highlights. The page is cut from them after the fusion, and a second request fetches
     * only its documents, highlighted by the reader's words ({@link #page}): highlighting the ranking's 30 hits was
     * most of what a fused search cost Elasticsearch, three times the ten a page shows (ADR 15).
     */
    private Page fused(UserQuery query, Map<String, List<String>> spellings, SearchRequest request, boolean loose,
                       Meaning meaning) throws IOException {
        Query lexical = meaning.mode().lexical() ? query(query, spellings, loose) : null;
        List<String> found = meaning.ids();
        Query union = union(lexical, found, query, request);
        if (request.byDate()) {
            return byDate(union, lexical, spellings, request, loose, meaning);
        }
        int depth = Math.min(DocumentIndex.MAX_RESULT_WINDOW, request.from() + request.size() + found.size());
        SearchResponse<Void> response = searches.search(s -> {
            s.size(depth).source(src -> src.fetch(false)).trackTotalHits(t -> t.enabled(true)).query(union)
                .includeNamedQueriesScore(true);
            facets(s);
            return s;
        }, Void.class);
        List<Hit<Void>> candidates = response.hits().hits();
        Set<String> candidateIds = candidates.stream().map(Hit::id).collect(Collectors.toSet());
        List<HybridRanking.Scored> words = lexicalRanking(candidates, found, candidates.size() == depth);
        List<HybridRanking.Ranked> fusedRanking = HybridRanking.fuse(words,
            found.stream().filter(candidateIds::contains).toList(), properties.semantic().weight());
        List<HybridRanking.Ranked> page = fusedRanking.subList(Math.min(request.from(), fusedRanking.size()),
            Math.min(request.from() + request.size(), fusedRanking.size()));
        Map<String, Hit<HitSource>> shown = page(page.stream().map(HybridRanking.Ranked::id).toList(), lexical);
        List<Hit<HitSource>> pageHits = new ArrayList<>();
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (HybridRanking.Ranked ranked : page) {
            Hit<HitSource> hit = shown.get(ranked.id());
            if (hit != null) {
                pageHits.add(hit);
                hits.add(toHit(hit).found(ranked.score(), meaning.passageOf(ranked.id())));
            }
        }
        boolean wordsFound = candidates.stream().anyMatch(hit -> hit.matchedQueries().containsKey(LEXICAL));
        return new Page(new SearchResult(total(response, hits.size()), hits, facets(response.aggregations())),
            texts(pageHits, loose, spellings), wordsFound);
    }

    /**
     * The documents {@code ids} with the fields a hit is shown with, highlighted where the reader's words
     * ({@code lexical}; null: no highlights, as in semantic mode) match, by id. A document deleted since the
     * ranking request is not among them.
     */
    private Map<String, Hit<HitSource>> page(List<String> ids, Query lexical) throws IOException {
        if (ids.isEmpty()) {
            return Map.of();
        }
        SearchResponse<HitSource> response = searches.search(s -> {
            s.size(ids.size()).query(q -> q.ids(i -> i.values(ids))).trackTotalHits(t -> t.enabled(false));
            return lexical == null ? s.source(src -> src.filter(f -> f.includes(SHOWN)))
                : shown(s, lexical);
        }, HitSource.class);
        return response.hits().hits().stream().collect(Collectors.toMap(Hit::id, hit -> hit));
    }

    /**
     * The hits the reader's words found, by the score of the words alone, best first. A document found by meaning is
     * among them only where its words' score is not below the last of the others the hits hold ({@code full}: more
     * may follow): below it, its place among the words' hits is not known (documents found by words alone may lie
     * between), and the fusion counts it as found by meaning alone, as it does a document the words rank below the
     * depth a page needs.
     */
    private static List<HybridRanking.Scored> lexicalRanking(List<Hit<Void>> hits, List<String> found,
                                                             boolean full) {
        List<HybridRanking.Scored> scored = hits.stream().filter(hit -> hit.matchedQueries().containsKey(LEXICAL))
            .map(hit -> new HybridRanking.Scored(hit.id(), hit.matchedQueries().get(LEXICAL)))
            .sorted(Comparator.comparingDouble(HybridRanking.Scored::score).reversed()).toList();
        Set<String> byMeaning = Set.copyOf(found);
        double known = !full ? Double.NEGATIVE_INFINITY : scored.stream().filter(s -> !byMeaning.contains(s.id()))
            .mapToDouble(HybridRanking.Scored::score).min().orElse(Double.NEGATIVE_INFINITY);
        return scored.stream().filter(s -> s.score() >= known).toList();
    }

    /** A fused search sorted by date: the union's documents, newest first, in one request. */
    private Page byDate(Query union, Query lexical, Map<String, List<String>> spellings, SearchRequest request,
                        boolean loose, Meaning meaning) throws IOException {
        SearchResponse<HitSource> response = searches.search(s -> {
            shown(s.from(request.from()).size(request.size()).trackTotalHits(t -> t.enabled(true)).query(union))
                .sort(sort -> sort.field(f -> f.field("ingestedAt").order(SortOrder.Desc)));
            facets(s);
            if (lexical != null) {
                s.aggregations(LEXICAL, a -> a.filter(lexical));
            }
            return s;
        }, HitSource.class);
        List<SearchResult.Hit> hits = hits(response).stream()
            .map(hit -> hit.found(hit.score(), meaning.passageOf(hit.id()))).toList();
        boolean wordsFound = lexical != null && response.aggregations().get(LEXICAL).filter().docCount() > 0;
        return new Page(new SearchResult(total(response, hits.size()), hits, facets(response.aggregations())),
            texts(response, loose, spellings), wordsFound);
    }

    /**
     * The documents the words find ({@code lexical}, named {@value #LEXICAL}; null in semantic mode) or search by
     * meaning found ({@code found}, lifted by {@link #MEANING_LIFT}), within the reader's filters and without the
     * excluded words.
     */
    private Query union(Query lexical, List<String> found, UserQuery query, SearchRequest request) {
        return Query.of(q -> q.bool(b -> {
            if (lexical != null) {
                b.should(s -> s.bool(named -> named.must(lexical).queryName(LEXICAL)));
            }
            if (!found.isEmpty()) {
                b.should(s -> s.constantScore(c -> c.filter(f -> f.ids(i -> i.values(found))).boost(MEANING_LIFT)));
            }
            query.excluded().forEach(term -> b.mustNot(matches(term, Map.of(), false)));
            filters(request).forEach(b::filter);
            return b.minimumShouldMatch("1");
        }));
    }

    /** The source fields and highlights a shown hit needs, highlighted where the search's query matches. */
    private static co.elastic.clients.elasticsearch.core.SearchRequest.Builder shown(
            co.elastic.clients.elasticsearch.core.SearchRequest.Builder search) {
        return shown(search, null);
    }

    /** The source fields and highlights a shown hit needs, highlighted where {@code highlighted} (null: the query) matches. */
    private static co.elastic.clients.elasticsearch.core.SearchRequest.Builder shown(
            co.elastic.clients.elasticsearch.core.SearchRequest.Builder search, Query highlighted) {
        return search.source(src -> src.filter(f -> f.includes(SHOWN)))
            .highlight(h -> {
                h.encoder(HighlighterEncoder.Html).preTags("<em>").postTags("</em>")
                    .fields(NamedValue.of(BODY, HighlightField.of(f -> f.fragmentSize(80).numberOfFragments(3))),
                        NamedValue.of(TITLE, HighlightField.of(f -> f.numberOfFragments(0))));
                return highlighted == null ? h : h.highlightQuery(highlighted);
            });
    }

    private static void facets(co.elastic.clients.elasticsearch.core.SearchRequest.Builder search) {
        FACETS.forEach(facet -> search.aggregations(facet, a -> a.terms(t -> t.field(facetField(facet))
            .size(FACET_SIZE))));
    }

    private static List<SearchResult.Hit> hits(SearchResponse<HitSource> response) {
        return response.hits().hits().stream().map(DocumentSearch::toHit).toList();
    }

    /** A hit as the answer shows it: its stored fields, score and highlights in the original script. */
    private static SearchResult.Hit toHit(Hit<HitSource> hit) {
        return hit.source().toHit(hit, highlights(hit.highlight(), hit.source()));
    }

    private static long total(SearchResponse<?> response, int hits) {
        return response.hits().total() == null ? hits : response.hits().total().value();
    }

    /**
     * The hits' texts in Simplified script (title, then text), read only for a loose search or a pinyin word without
     * spellings (empty otherwise): converting every hit's body costs more than the search itself on most queries.
     */
    private static List<String> texts(SearchResponse<HitSource> response, boolean loose,
                                      Map<String, List<String>> spellings) {
        return texts(response.hits().hits(), loose, spellings);
    }

    private static List<String> texts(List<Hit<HitSource>> hits, boolean loose, Map<String, List<String>> spellings) {
        boolean textsRead = loose || spellings.containsValue(List.of());
        return !textsRead ? List.of() : hits.stream()
            .map(hit -> SimplifiedScript.of(hit.source().title()) + "\n" + hit.source().simplifiedBody()).toList();
    }

    private static Query query(UserQuery query, Map<String, List<String>> spellings, boolean loose) {
        List<FunctionScore> asTyped = new ArrayList<>(lines(query, loose));
        asTyped.addAll(closeTogether(query));
        Query matching = multiplied(matching(query, spellings, loose), asTyped);
        return multiplied(matching, authorNames(query));
    }

    /** {@code query}'s score multiplied by the highest weight of the {@code functions} a document matches. */
    private static Query multiplied(Query query, List<FunctionScore> functions) {
        if (functions.isEmpty()) {
            return query;
        }
        return Query.of(q -> q.functionScore(f -> f.query(query).functions(functions)
            .scoreMode(FunctionScoreMode.Max).boostMode(FunctionBoostMode.Multiply)));
    }

    /**
     * A document whose text has a line of the query as typed, or whose title is that line, scores
     * {@value #LINE_FACTOR} times as much. {@code loose} (the line has a wrong character): whose text has all but two
     * of the line's character pairs, as the loose search asks of any text it finds.
     */
    private static List<FunctionScore> lines(UserQuery query, boolean loose) {
        List<FunctionScore> functions = new ArrayList<>();
        query.required().stream().flatMap(List::stream).filter(DocumentSearch::isLine).distinct().forEach(term -> {
            String line = SimplifiedScript.of(term.text());
            Query inText = loose
                ? Query.of(q -> q.match(m -> m.field(BODY).query(line).minimumShouldMatch(LOOSE_LINE)))
                : Query.of(q -> q.matchPhrase(m -> m.field(BODY).query(line)));
            functions.add(FunctionScore.of(fs -> fs.filter(inText).weight((double) LINE_FACTOR)));
            if (!loose) {
                functions.add(FunctionScore.of(fs -> fs.filter(f -> f.term(t -> t.field(TITLE_EXACT).value(line)))
                    .weight((double) LINE_FACTOR)));
            }
        });
        return functions;
    }

    /**
     * A document whose text has two or more of the reader's words close together in their order ({@value #NEAR}
     * positions apart at most, {@link #nearPhrase}) scores {@value #CLOSE_FACTOR} times as much. Only added to the
     * score, as {@link #inOrder} adds the same phrase, closeness lost to how often a text repeats the words: a text
     * with 明月 and 故乡 three times each, a paragraph apart, ranked above 静夜思 once another 200 texts had changed
     * the index's statistics. Multiplied, it outweighs repetition, which BM25 caps at about twice a single occurrence.
     */
    private static List<FunctionScore> closeTogether(UserQuery query) {
        List<String> words = typedWords(query);
        if (words.size() < 2) {
            return List.of();
        }
        return List.of(FunctionScore.of(fs -> fs.filter(nearPhrase(words, 1f)).weight((double) CLOSE_FACTOR)));
    }

    /**
     * A document whose author is exactly one of the words to find, or is spelled by it in pinyin ({@code libai}),
     * scores {@value #AUTHOR_NAME_FACTOR} times as much.
     */
    private static List<FunctionScore> authorNames(UserQuery query) {
        List<FunctionScore> functions = new ArrayList<>();
        query.required().stream().flatMap(List::stream)
            .filter(term -> !term.phrase() && term.field() == UserQuery.Field.ANY).forEach(term -> {
                String name = SimplifiedScript.of(term.text());
                String field = term.mayBePinyin() ? "authorPinyin" : AUTHOR_EXACT;
                String value = term.mayBePinyin() ? name.toLowerCase(Locale.ROOT) : name;
                functions.add(FunctionScore.of(fs -> fs.filter(f -> f.term(t -> t.field(field).value(value)))
                    .weight((double) AUTHOR_NAME_FACTOR)));
            });
        return functions;
    }

    private static Query matching(UserQuery query, Map<String, List<String>> spellings, boolean loose) {
        return Query.of(q -> q.bool(b -> {
            for (List<UserQuery.Term> alternatives : query.required()) {
                b.must(m -> m.bool(any -> {
                    alternatives.forEach(term -> any.should(matches(term, spellings, loose)));
                    return any.minimumShouldMatch("1");
                }));
            }
            query.excluded().forEach(term -> b.mustNot(matches(term, spellings, false)));
            inOrder(query).forEach(b::should);
            return b;
        }));
    }

    /**
     * A word matches the Simplified text (most of its character pairs), or is one of the words analysis segmented
     * the document into, or (Latin letters) the pinyin or initials of a title or keyword, or the text contains a
     * keyword it spells ({@link PinyinSpellings}), which is then highlighted. Typed pinyin of two or more syllables
     * (also with tone marks, or mixed with characters: {@code 新zhi}) matches the same syllables in a row anywhere in
     * the title or text ({@link #pinyinOfAnyWord}), and two to eight letters the initials of any word of it; these
     * score below a match of the characters themselves, and by how often the document has the word, so homophones
     * of a rare word do not bury it. Latin words whose spellings were not looked up (past
     * {@code wenku.search.max-pinyin-words}) are matched as text only, which keeps the query of a reader who typed
     * many short Latin words as cheap as one of Chinese words. {@code loose}: a line ({@link #isLine}) matches with
     * all but two of its character pairs, which is what one wrong character inside it takes away.
     */
    private static Query matches(UserQuery.Term term, Map<String, List<String>> spellings, boolean loose) {
        String text = SimplifiedScript.of(term.text());
        if (term.field() == UserQuery.Field.AUTHOR) {
            return authorMatches(term, text);
        }
        if (term.field() == UserQuery.Field.TITLE) {
            return titleMatches(term, text);
        }
        if (term.phrase()) {
            return Query.of(q -> q.multiMatch(m -> m.query(text).fields(SEARCHED_FIELDS).type(TextQueryType.Phrase)));
        }
        Query words = Query.of(q -> q.bool(b -> b
            .should(s -> s.multiMatch(m -> m.query(text).fields(SEARCHED_FIELDS)
                .minimumShouldMatch(loose && isLine(term) ? LOOSE_LINE : "75%")))
            .should(s -> s.term(t -> t.field("words").value(text).boost(2f)))
            .minimumShouldMatch("1")));
        String pinyin = PinyinSpellings.lookupKey(term);
        List<String> spelled = pinyin == null ? null : spellings.get(pinyin);
        boolean lookedUp = spelled != null;
        Query anyWord = lookedUp ? pinyinOfAnyWord(term, text) : null;
        if (!lookedUp && anyWord == null) {
            return words;
        }
        return Query.of(q -> q.bool(b -> {
            b.should(words);
            if (lookedUp) {
                b.should(s -> s.term(t -> t.field("pinyin").value(pinyin).boost(3f)))
                    .should(s -> s.term(t -> t.field("pinyinInitials").value(pinyin).boost(2f)))
                    .should(s -> s.match(m -> m.field("titlePinyin").query(pinyin)));
                for (String keyword : spelled) {
                    b.should(s -> s.multiMatch(m -> m.query(keyword).fields(SEARCHED_FIELDS)
                        .type(TextQueryType.Phrase)));
                }
                if (term.mayBePinyin() && pinyin.length() >= 2 && pinyin.length() <= MAX_INITIALS) {
                    b.should(s -> s.term(t -> t.field("wordInitials").value(pinyin).boost(0.3f)));
                }
            }
            if (anyWord != null) {
                b.should(anyWord);
            }
            return b.minimumShouldMatch("1");
        }));
    }

    /**
     * What lifts a document whose text has the reader's words as typed: each word of three or more characters as
     * it stands (a line of a poem, a whole term, not its character pairs here and there), and two or more words
     * close together in their order ({@value #NEAR} positions apart at most). These only add to the score of a
     * document the query found anyway.
     */
    private static List<Query> inOrder(UserQuery query) {
        List<String> words = typedWords(query);
        List<Query> boosts = new ArrayList<>();
        words.stream().filter(word -> word.codePointCount(0, word.length()) >= 3).forEach(word -> boosts.add(
            Query.of(q -> q.multiMatch(m -> m.query(word).fields(SEARCHED_FIELDS).type(TextQueryType.Phrase)
                .boost(AS_TYPED_BOOST)))));
        if (words.size() >= 2) {
            boosts.add(nearPhrase(words, AS_TYPED_BOOST));
        }
        return boosts;
    }

    /** Two or more {@code words} in their order, at most {@value #NEAR} positions apart, weighing {@code boost}. */
    private static Query nearPhrase(List<String> words, float boost) {
        return Query.of(q -> q.multiMatch(m -> m.query(String.join(" ", words)).fields(SEARCHED_FIELDS)
            .type(TextQueryType.Phrase).slop(NEAR).boost(boost)));
    }

    /** The reader's words of Han characters alone, each to be found as typed, in Simplified script, in order. */
    private static List<String> typedWords(UserQuery query) {
        return query.required().stream().filter(group -> group.size() == 1).map(List::getFirst)
            .filter(term -> !term.phrase() && term.field() == UserQuery.Field.ANY && HanText.isHanOnly(term.text()))
            .map(term -> SimplifiedScript.of(term.text())).toList();
    }

    /** A word to find of {@value #LINE_CHARACTERS} or more Han characters, typed as it stands. */
    private static boolean isLine(UserQuery.Term term) {
        return !term.phrase() && term.field() == UserQuery.Field.ANY && HanText.isHanOnly(term.text())
            && term.text().codePointCount(0, term.text().length()) >= LINE_CHARACTERS;
    }

    /**
     * {@code 作者:李白}: the author is the name (in either script), or has it as a phrase ({@code 作者:白居}), or is
     * spelled by it in pinyin ({@code 作者:libai}).
     */
    private static Query authorMatches(UserQuery.Term term, String text) {
        return Query.of(q -> q.bool(b -> {
            b.should(s -> s.term(t -> t.field(AUTHOR_EXACT).value(text).boost(2f)))
                .should(s -> s.matchPhrase(m -> m.field(AUTHOR).query(text)));
            if (term.mayBePinyin()) {
                b.should(s -> s.term(t -> t.field("authorPinyin").value(text.toLowerCase(Locale.ROOT))));
            }
            return b.minimumShouldMatch("1");
        }));
    }

    /** {@code 标题:静夜思}: the title has the words (a phrase: in that order), or their pinyin. */
    private static Query titleMatches(UserQuery.Term term, String text) {
        if (term.phrase()) {
            return Query.of(q -> q.matchPhrase(m -> m.field(TITLE).query(text)));
        }
        return Query.of(q -> q.bool(b -> {
            b.should(s -> s.match(m -> m.field(TITLE).query(text).minimumShouldMatch("75%")));
            if (term.mayBePinyin()) {
                b.should(s -> s.match(m -> m.field("titlePinyin").query(text.toLowerCase(Locale.ROOT))));
            }
            return b.minimumShouldMatch("1");
        }));
    }

    /**
     * The term's syllables in a row in the pinyin of the whole title and text, or null when the term is no pinyin of
     * two or more syllables (one syllable would match nearly every text).
     */
    private static Query pinyinOfAnyWord(UserQuery.Term term, String simplified) {
        if (term.phrase() || !UserQuery.hasLatinLetters(simplified)) {
            return null;
        }
        List<String> syllables = PinyinText.typedSyllables(simplified);
        if (syllables.size() < 2) {
            return null;
        }
        return Query.of(q -> q.matchPhrase(m -> m.field("textPinyin").query(String.join(" ", syllables))
            .boost(0.5f)));
    }

    /** The reader's facet filters (theme, keyword, entity, author), as filter clauses. */
    private static List<Query> filters(SearchRequest request) {
        List<Query> filters = new ArrayList<>();
        filter(filters, "themes", request.theme());
        filter(filters, "keywords", request.keyword());
        filter(filters, "entities", request.entity());
        filter(filters, AUTHOR_EXACT, request.author());
        return filters;
    }

    private static void filter(List<Query> filters, String field, String value) {
        if (value != null && !value.isBlank()) {
            String term = field.equals("themes") ? value.strip() : SimplifiedScript.of(value.strip());
            filters.add(Query.of(f -> f.term(t -> t.field(field).value(term))));
        }
    }

    /** The field a facet counts: its own name, but for the authors (the author's {@code exact} sub-field). */
    private static String facetField(String facet) {
        return facet.equals("authors") ? AUTHOR_EXACT : facet;
    }

    private static Map<String, List<SearchResult.FacetValue>> facets(Map<String, Aggregate> aggregations) {
        Map<String, List<SearchResult.FacetValue>> facets = new LinkedHashMap<>();
        for (String facet : FACETS) {
            Aggregate aggregate = aggregations.get(facet);
            facets.put(facet, aggregate == null ? List.of() : aggregate.sterms().buckets().array().stream()
                .map(b -> new SearchResult.FacetValue(b.key().stringValue(), b.docCount())).toList());
        }
        return facets;
    }

    private static List<String> highlights(Map<String, List<String>> highlight, HitSource doc) {
        List<String> fragments = new ArrayList<>();
        for (String fragment : highlight.getOrDefault(BODY, List.of())) {
            fragments.add(OriginalScriptHighlights.fromClauseStart(
                OriginalScriptHighlights.toOriginal(fragment, doc.simplifiedBody(), doc.body())));
        }
        if (fragments.isEmpty()) {
            fragments.addAll(highlight.getOrDefault(TITLE, List.of()));
        }
        return fragments;
    }
}
