package dev.wenku.analysis.configuration;

import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.analysis.ThemeProperties;
import dev.wenku.analysis.engine.AnalysisEngine;
import dev.wenku.analysis.engine.AnalysisSettings;
import dev.wenku.analysis.engine.Lexicon;
import dev.wenku.analysis.engine.Taxonomy;
import dev.wenku.events.EventJson;
import dev.wenku.kafkatable.KafkaTable;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What analysis runs with: the domain dictionary, the stoplist and the theme taxonomy. Ships with defaults from
 * {@code resources/analysis/}; operators replace any part at runtime, and the change is stored in a compacted
 * Kafka topic, so it applies at once to new analyses on every instance and survives restarts.
 */
@Component
public class AnalysisModel implements SmartLifecycle {

    static final String DICTIONARY = "dictionary";
    static final String STOPLIST = "stoplist";
    static final String TAXONOMY = "taxonomy";

    /** One replaceable part of the model, as text: lines for the dictionary and stoplist, JSON for the taxonomy. */
    public record ModelPart(String text) {
    }

    private final KafkaTable<ModelPart> parts;
    private final Lexicon lexicon = Lexicon.defaults();
    private final AnalysisSettings settings;
    private final AtomicReference<Taxonomy> taxonomy = new AtomicReference<>(Taxonomy.defaults());
    private final AtomicReference<AnalysisEngine> engine = new AtomicReference<>();
    private final AtomicLong revision = new AtomicLong();

    public AnalysisModel(AnalysisProperties properties, ThemeProperties themes, KafkaProperties kafka) {
        this.settings = new AnalysisSettings(properties.keywordCount(), properties.keyPhraseCount(),
            properties.summarySentences(), themes.selection());
        engine.set(new AnalysisEngine(lexicon, taxonomy.get(), settings));
        this.parts = new KafkaTable<>(properties.configTopic(), ModelPart.class, EventJson.MAPPER,
            kafka.buildAdminProperties(), properties.storeTimeout(), null);
        parts.onChange(this::apply);
    }

    public AnalysisEngine engine() {
        return engine.get();
    }

    public Lexicon lexicon() {
        return lexicon;
    }

    public Taxonomy taxonomy() {
        return taxonomy.get();
    }

    /** Increases with every change of dictionary, stoplist or taxonomy. */
    public long revision() {
        return revision.get();
    }

    public void replaceDictionary(List<String> lines) {
        Lexicon.of(lines, List.copyOf(lexicon.stoplist()));
        parts.put(DICTIONARY, new ModelPart(String.join("\n", lines)));
    }

    public void replaceStoplist(List<String> lines) {
        Lexicon.of(lexicon.dictionary(), lines);
        parts.put(STOPLIST, new ModelPart(String.join("\n", lines)));
    }

    /** @throws IllegalArgumentException naming the problem when the JSON is not a valid taxonomy */
    public void replaceTaxonomy(String json) {
        Taxonomy.parse(json);
        parts.put(TAXONOMY, new ModelPart(json));
    }

    private synchronized void apply(String name, ModelPart part) {
        if (part == null) {
            return;
        }
        switch (name) {
            case DICTIONARY -> lexicon.replace(lines(part), List.copyOf(lexicon.stoplist()));
            case STOPLIST -> lexicon.replace(lexicon.dictionary(), lines(part));
            case TAXONOMY -> {
                taxonomy.set(Taxonomy.parse(part.text()));
                engine.set(new AnalysisEngine(lexicon, taxonomy.get(), settings));
            }
            default -> {
                return;
            }
        }
        revision.incrementAndGet();
    }

    private static List<String> lines(ModelPart part) {
        return Arrays.asList(part.text().split("\n"));
    }

    /** Waits for stored changes to be applied, so the first analyses after a restart use them. */
    public void awaitLoaded() {
        parts.awaitLoaded();
    }

    @Override
    public void start() {
        parts.start();
    }

    @Override
    public void stop() {
        parts.close();
    }

    @Override
    public boolean isRunning() {
        return parts.isLoaded();
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
