package dev.wenku.events;

import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for one event type, named by the {@code wenku.event.type} config (a class name), or
 * fixed by a subclass. A record with a newer {@code schemaVersion} than the type understands is refused with a
 * {@link SerializationException}, never silently misread. A null value (a tombstone) stays null. Records are read
 * in one pass straight into the type (the version is checked on the result); the JSON tree is only built to
 * explain a record that does not read.
 */
public class EventDeserializer<T extends PipelineEvent> implements Deserializer<T> {

    public static final String EVENT_TYPE_CONFIG = "wenku.event.type";

    private Class<T> type;
    private int supportedVersion;

    public EventDeserializer() {
    }

    public EventDeserializer(Class<T> type) {
        setType(type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object configured = configs.get(EVENT_TYPE_CONFIG);
        if (type == null && configured != null) {
            try {
                setType((Class<T>) (configured instanceof Class<?> c ? c : Class.forName(configured.toString())));
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException(EVENT_TYPE_CONFIG + " names an unknown class: " + configured, e);
            }
        }
    }

    private void setType(Class<T> type) {
        this.type = type;
        try {
            this.supportedVersion = type.getField("SCHEMA_VERSION").getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type + " is not an event type (no SCHEMA_VERSION)", e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (type == null) {
            throw new IllegalStateException("EventDeserializer needs " + EVENT_TYPE_CONFIG);
        }
        T event;
        try {
            event = EventJson.MAPPER.readValue(data, type);
        } catch (RuntimeException e) {
            int version = versionIn(data);
            if (version > supportedVersion) {
                checkVersion(version);
            }
            throw new SerializationException("Malformed " + type.getSimpleName() + " on " + topic + ": " + e.getMessage(), e);
        }
        checkVersion(event.schemaVersion());
        return event;
    }

    /** The schemaVersion of a record that did not read as the expected type, or 0 if it has none. */
    private static int versionIn(byte[] data) {
        try {
            return EventJson.MAPPER.readTree(data).path("schemaVersion").asInt(0);
        } catch (RuntimeException notJson) {
            return 0;
        }
    }

    private void checkVersion(int version) {
        if (version == 0) {
            throw new SerializationException(type.getSimpleName() + " has no schemaVersion");
        }
        if (version < 1 || version > supportedVersion) {
            throw new SerializationException(type.getSimpleName() + " schemaVersion " + version
                + " is not supported (this consumer reads 1.." + supportedVersion + ")");
        }
    }
}
