/**
 * The Chinese text analysis engine: {@link dev.wenku.analysis.engine.AnalysisEngine} turns a document in Simplified
 * script (after {@code TextRepair}, {@code CompilationSplitter} and {@code SimplifiedScript} of {@code chinese-text})
 * into a {@link dev.wenku.analysis.engine.DocumentAnalysis}: weighted keywords, key phrases, an extractive summary,
 * named entities, taxonomy themes, pinyin and the content terms for document frequencies.
 *
 * <p>Design decisions:
 * <ul>
 *   <li><b>One segmentation per document.</b> HanLP portable 1.8.6's standard segmenter runs once; keywords
 *       (smoothed TF-IDF + TextRank), phrases, summary (sentence TextRank), entities and themes all read its token
 *       list. HanLP's {@code extractKeyword}/{@code extractSummary}/{@code extractPhrase} are not used: each would
 *       segment again.</li>
 *   <li><b>Runtime dictionary without global state.</b> HanLP's {@code CustomDictionary} is static and shared by the
 *       JVM; the engine instead gives each {@link dev.wenku.analysis.engine.Lexicon} revision its own segmenter with a
 *       private {@code DynamicCustomDictionary} (HanLP's shipped custom dictionary, read only, plus the lexicon's
 *       terms). Replacing the lexicon takes effect for the next analysis; removed terms simply are not in the new
 *       dictionary. See {@code DomainSegmenter}.</li>
 *   <li><b>HanLP's tagging matrix settled once.</b> The one piece of HanLP's global state the engine touches: HanLP
 *       rebuilt its part-of-speech transition matrix for every sentence (a defect of 1.8.6), which made tagging about
 *       twice as slow and was most of what analysis-service allocated; {@code TaggingMatrix} extends it once to the
 *       matrix HanLP builds each time.</li>
 *   <li><b>Resources.</b> {@code analysis/dictionary.txt} (domain user dictionary), {@code analysis/stoplist.txt}
 *       (domain stoplist), {@code analysis/taxonomy.json} (themes and their terms).</li>
 *   <li><b>Topic suggestions.</b> {@link dev.wenku.analysis.engine.ThemeSuggester}: LDA by collapsed Gibbs sampling
 *       with a fixed seed over paragraphs, for editors to extend the taxonomy.</li>
 * </ul>
 * Quality on the seed corpus: {@code ./wenku eval}; speed: {@code ./wenku bench analysis}.
 */
package dev.wenku.analysis.engine;
