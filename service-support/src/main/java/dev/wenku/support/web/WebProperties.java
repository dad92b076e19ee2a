package dev.wenku.support.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP limits every service applies ({@code wenku.web.*}).
 *
 * @param maxRequestSize the largest request body a service reads (multipart uploads excepted, which the multipart
 *                       parser bounds); larger → 413 {@code request_too_large}. ingest-service derives its own limit
 *                       from its upload limits
 */
@ConfigurationProperties("wenku.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxRequestSize) {
}
