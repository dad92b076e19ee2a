package dev.wenku.events;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON mapping of events: ISO-8601 instants, unknown fields ignored (additive schema changes stay compatible). */
public final class EventJson {

    public static final JsonMapper MAPPER = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private EventJson() {
    }
}
