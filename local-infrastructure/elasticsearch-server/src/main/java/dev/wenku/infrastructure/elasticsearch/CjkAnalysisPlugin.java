package dev.wenku.infrastructure.elasticsearch;

import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * The {@code cjk_width} and {@code cjk_bigram} token filters, under the names and options that the official
 * distribution's analysis-common module uses, so one index definition works on this node and on the Docker image.
 * The published 9.x jars lack analysis-common; the Lucene filters themselves ship with the server.
 */
public class CjkAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "cjk_width", (indexSettings, environment, name, settings) -> new CjkWidthFilterFactory(name),
            "cjk_bigram", (indexSettings, environment, name, settings) -> new CjkBigramFilterFactory(name, settings));
    }

    static final class CjkWidthFilterFactory extends AbstractTokenFilterFactory {

        CjkWidthFilterFactory(String name) {
            super(name);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new CJKWidthFilter(tokenStream);
        }

        @Override
        public TokenStream normalize(TokenStream tokenStream) {
            return create(tokenStream);
        }
    }

    static final class CjkBigramFilterFactory extends AbstractTokenFilterFactory {

        private final int scripts;
        private final boolean outputUnigrams;

        CjkBigramFilterFactory(String name, Settings settings) {
            super(name);
            this.outputUnigrams = settings.getAsBoolean("output_unigrams", false);
            this.scripts = scriptsToBigram(settings.getAsList("ignored_scripts", List.of()));
        }

        static int scriptsToBigram(List<String> ignoredScripts) {
            int flags = CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL;
            for (String script : ignoredScripts) {
                flags &= ~ switch (script) {
                    case "han" -> CJKBigramFilter.HAN;
                    case "hiragana" -> CJKBigramFilter.HIRAGANA;
                    case "katakana" -> CJKBigramFilter.KATAKANA;
                    case "hangul" -> CJKBigramFilter.HANGUL;
                    default -> throw new IllegalArgumentException(
                        "cjk_bigram ignored_scripts: unknown script [" + script + "], expected han, hiragana, katakana or hangul");
                };
            }
            return flags;
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new CJKBigramFilter(tokenStream, scripts, outputUnigrams);
        }
    }
}
