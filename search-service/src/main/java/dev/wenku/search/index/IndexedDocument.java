package dev.wenku.search.index;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.text.DisplayScript;
import dev.wenku.text.HanText;
import dev.wenku.text.PinyinText;
import dev.wenku.text.SimplifiedScript;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A document as stored in Elasticsearch; field names match {@code index/documents-v6.json}. Display fields keep
 * the original script; matching uses the Simplified text, the analysis's segmented words, keyword fields (facets,
 * filters) and pinyin fields.
 *
 * @param details     what the reading view shows of the analysis (weights, entity types and counts, theme labels);
 *                    stored, not indexed
 * @param pinyin      joined pinyin of the title, the author and each keyword ({@code xinzhishengchanli})
 * @param pinyinInitials initials of the title, the author and each keyword ({@code xzscl})
 * @param textPinyin  the syllables of the whole text, title first, in order ({@code jia kuai fa zhan xin zhi ...}): a
 *                    reader's pinyin matches any word of the text as a phrase of syllables, not only keywords
 * @param wordInitials initials of every word of two or more characters the analysis segmented ({@code cx} for 创新)
 * @param wordPinyin  each of those words after its joined pinyin ({@code chuangxin|创新}): which words of the text a
 *                    reader's pinyin spells, found by the pinyin's prefix
 * @param wordSpellings the joined pinyin of each of those words ({@code chuangxin}), of the title, the author and
 *                    the keywords: what a misspelt pinyin word is corrected to
 * @param suggest     completion inputs: title, author, keywords and their pinyin and initials
 * @param author      who wrote the text, as uploaded (display)
 * @param simplifiedAuthor the author in Simplified script, matched by a reader's words (between title and text); as one
 *                    value (its {@code exact} sub-field) the author facet, filter and {@code 作者:} query
 * @param authorPinyin the author's joined pinyin ({@code libai}), for {@code 作者:libai}
 */
public record IndexedDocument(
    String id,
    long version,
    String title,
    String body,
    String simplifiedTitle,
    String simplifiedBody,
    List<String> words,
    List<String> keywords,
    List<String> keyPhrases,
    List<String> entities,
    List<String> themes,
    String summary,
    Details details,
    String titlePinyin,
    List<String> pinyin,
    List<String> pinyinInitials,
    String textPinyin,
    List<String> wordInitials,
    List<String> wordPinyin,
    List<String> wordSpellings,
    List<String> suggest,
    String author,
    String simplifiedAuthor,
    List<String> authorPinyin,
    String source,
    List<String> tags,
    Instant ingestedAt,
    Instant analyzedAt,
    Instant indexedAt) {

    private static final int MAX_PINYIN_CHARACTERS = 20_000;

    /** The analysis as the reading view shows it. */
    public record Details(List<DocumentAnalyzed.Keyword> keywords, List<DocumentAnalyzed.Entity> entities,
                          List<DocumentAnalyzed.Theme> themes) {

        /** Keywords, entity names and theme labels in {@code script}; weights, types, ids and pinyin as they are. */
        public Details in(DisplayScript script) {
            return new Details(
                keywords == null ? null : keywords.stream()
                    .map(k -> new DocumentAnalyzed.Keyword(script.apply(k.term()), k.weight(), k.pinyin())).toList(),
                entities == null ? null : entities.stream()
                    .map(e -> new DocumentAnalyzed.Entity(script.apply(e.name()), e.type(), e.count())).toList(),
                themes == null ? null : themes.stream()
                    .map(t -> new DocumentAnalyzed.Theme(t.id(), script.apply(t.label()), t.score())).toList());
        }
    }

    public static IndexedDocument from(DocumentAnalyzed event, Instant indexedAt) {
        WordSpellings words = WordSpellings.of(event.words());
        List<String> keywords = event.keywords().stream().map(DocumentAnalyzed.Keyword::term).toList();
        Set<String> pinyin = new LinkedHashSet<>();
        Set<String> initials = new LinkedHashSet<>();
        Set<String> suggest = new LinkedHashSet<>();
        String author = event.author() == null || event.author().isBlank() ? null : event.author().strip();
        String simplifiedAuthor = author == null ? null : SimplifiedScript.of(author);
        for (String text : withTitle(event.simplifiedTitle(), simplifiedAuthor, keywords)) {
            pinyin.add(PinyinText.joined(text));
            initials.add(PinyinText.initials(text));
            suggest.add(text);
        }
        suggest.addAll(pinyin);
        suggest.addAll(initials);
        suggest.removeIf(String::isBlank);
        return new IndexedDocument(event.documentId(), event.version(), event.title(), event.body(),
            event.simplifiedTitle(), event.simplifiedBody(), event.words(), keywords, event.keyPhrases(),
            event.entities().stream().map(DocumentAnalyzed.Entity::name).distinct().toList(),
            event.themes().stream().map(DocumentAnalyzed.Theme::id).toList(), event.summary(),
            new Details(event.keywords(), event.entities(), event.themes()), event.titlePinyin(),
            List.copyOf(pinyin), List.copyOf(initials), textPinyin(event),
            words.initials(), words.pinyin(), spellings(words.spellings(), pinyin),
            List.copyOf(suggest), author, simplifiedAuthor,
            simplifiedAuthor == null ? List.of() : List.of(PinyinText.joined(simplifiedAuthor)),
            event.source(), event.tags(),
            event.ingestedAt(), event.analyzedAt(), indexedAt);
    }

    /**
     * The syllables of the title and the first {@value #MAX_PINYIN_CHARACTERS} characters of the text: enough for a
     * poem, an essay or the opening of a book, without an index entry of megabytes for a very long text.
     */
    private static String textPinyin(DocumentAnalyzed event) {
        String body = event.simplifiedBody() == null ? "" : event.simplifiedBody();
        String text = (event.simplifiedTitle() == null ? "" : event.simplifiedTitle()) + "\n"
            + body.substring(0, Math.min(body.length(), MAX_PINYIN_CHARACTERS));
        return PinyinText.spaced(text);
    }

    /**
     * The initials, the {@code pinyin|word} and the joined pinyin of each distinct word of two or more Chinese
     * characters.
     */
    private record WordSpellings(List<String> initials, List<String> pinyin, List<String> spellings) {

        static WordSpellings of(List<String> words) {
            Set<String> initials = new LinkedHashSet<>();
            List<String> pinyin = new ArrayList<>();
            Set<String> spellings = new LinkedHashSet<>();
            if (words != null) {
                for (String word : new LinkedHashSet<>(words)) {
                    if (word.length() > 1 && HanText.isHanOnly(word)) {
                        // One pinyin pass per word, for both spellings.
                        List<String> syllables = PinyinText.syllables(word);
                        initials.add(syllables.stream().map(syllable -> syllable.substring(0, 1))
                            .collect(Collectors.joining()));
                        String joined = String.join("", syllables);
                        pinyin.add(joined + "|" + word);
                        spellings.add(joined);
                    }
                }
            }
            return new WordSpellings(List.copyOf(initials), List.copyOf(pinyin), List.copyOf(spellings));
        }
    }

    /** The joined pinyin of the words, the title, the author and the keywords, each once. */
    private static List<String> spellings(List<String> ofWords, Set<String> ofTitleAuthorAndKeywords) {
        Set<String> all = new LinkedHashSet<>(ofWords);
        ofTitleAuthorAndKeywords.stream().filter(spelling -> !spelling.isBlank()).forEach(all::add);
        return List.copyOf(all);
    }

    private static List<String> withTitle(String title, String author, List<String> keywords) {
        List<String> texts = new ArrayList<>();
        if (title != null && !title.isBlank()) {
            texts.add(title.strip());
        }
        if (author != null) {
            texts.add(author);
        }
        texts.addAll(keywords);
        return texts;
    }
}
