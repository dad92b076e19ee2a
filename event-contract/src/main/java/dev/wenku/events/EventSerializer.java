package dev.wenku.events;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for any {@link PipelineEvent}. */
public class EventSerializer implements Serializer<PipelineEvent> {

    @Override
    public byte[] serialize(String topic, PipelineEvent event) {
        if (event == null) {
            return null;
        }
        try {
            return EventJson.MAPPER.writeValueAsBytes(event);
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot write " + event.getClass().getSimpleName() + " for " + topic, e);
        }
    }
}
