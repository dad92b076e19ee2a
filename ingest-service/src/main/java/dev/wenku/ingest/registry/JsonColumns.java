package dev.wenku.ingest.registry;

import dev.wenku.events.EventJson;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import tools.jackson.core.type.TypeReference;

/** The registry's JSON (jsonb) and array columns, written and read with the event contract's JSON mapper. */
final class JsonColumns {

    private JsonColumns() {
    }

    static String write(Object value) {
        return value == null ? null : EventJson.MAPPER.writeValueAsString(value);
    }

    static <T> T read(ResultSet row, String column, Class<T> type) throws SQLException {
        String json = row.getString(column);
        return json == null ? null : EventJson.MAPPER.readValue(json, type);
    }

    static <T> T read(ResultSet row, String column, TypeReference<T> type) throws SQLException {
        String json = row.getString(column);
        return json == null ? null : EventJson.MAPPER.readValue(json, type);
    }

    static List<String> strings(ResultSet row, String column) throws SQLException {
        Array array = row.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
