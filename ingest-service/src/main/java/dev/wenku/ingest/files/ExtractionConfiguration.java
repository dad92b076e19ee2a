package dev.wenku.ingest.files;

import dev.wenku.extraction.DocumentExtractor;
import dev.wenku.extraction.ExtractionSettings;
import dev.wenku.ingest.IngestProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ExtractionConfiguration {

    @Bean(destroyMethod = "close")
    DocumentExtractor documentExtractor(IngestProperties properties) {
        IngestProperties.Extraction extraction = properties.extraction();
        ExtractionSettings defaults = ExtractionSettings.defaults();
        return new DocumentExtractor(new ExtractionSettings(extraction.workers(), extraction.timeout(),
            extraction.queueTimeout(), extraction.maxHeap(), defaults.maxTextChars(),
            properties.maxFileSize().toBytes()));
    }
}
