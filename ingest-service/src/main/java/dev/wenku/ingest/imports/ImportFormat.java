package dev.wenku.ingest.imports;

import java.util.Locale;

/**
 * What an import's body is, and so what its progress counts: the lines of NDJSON or the files of a zip. Stored in
 * {@code import_job.format} by its {@link #code()}.
 */
enum ImportFormat {
    NDJSON("lines"),
    ZIP("files");

    private final String unit;

    ImportFormat(String unit) {
        this.unit = unit;
    }

    /** What the import's {@code read} counts: {@code lines} or {@code files}. */
    String unit() {
        return unit;
    }

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The spooled body's file name: the import's id with the format as extension. */
    String fileName(String id) {
        return id + "." + code();
    }

    static ImportFormat of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
