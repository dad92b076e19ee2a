package dev.wenku.ingest.imports;

import java.util.regex.Pattern;

/**
 * What the name of a zip entry makes of it. Directories and hidden files are passed over without a word: macOS puts
 * {@code __MACOSX/} resource forks and {@code .DS_Store} files into the zips it makes, version control leaves
 * {@code .git/}. A name that climbs out of the zip ({@code ..}) or starts at a root ({@code /x}, {@code C:\x}) is
 * refused: nothing is ever written where it points (entries are read, not extracted), but it would become the
 * document's source, looking like another file's.
 */
enum ZipEntryPath {
    FILE, SKIPPED, UNSAFE;

    private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    static ZipEntryPath of(String name) {
        if (name.endsWith("/") || name.endsWith("\\")) {
            return SKIPPED;
        }
        String[] segments = SEPARATORS.split(name, -1);
        if (name.startsWith("/") || name.startsWith("\\") || DRIVE.matcher(name).matches()) {
            return UNSAFE;
        }
        for (String segment : segments) {
            if (segment.equals("..")) {
                return UNSAFE;
            }
        }
        if (segments[0].equals("__MACOSX")) {
            return SKIPPED;
        }
        for (String segment : segments) {
            if (segment.startsWith(".") && !segment.equals(".")) {
                return SKIPPED;
            }
        }
        return FILE;
    }

    /** The entry's name as a path with forward slashes, without {@code ./} segments (for its source). */
    static String normalized(String name) {
        StringBuilder path = new StringBuilder();
        for (String segment : SEPARATORS.split(name)) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                path.append(path.isEmpty() ? "" : "/").append(segment);
            }
        }
        return path.toString();
    }

    /** The file's own name, after its last separator. */
    static String baseName(String name) {
        String normalized = normalized(name);
        return normalized.substring(normalized.lastIndexOf('/') + 1);
    }
}
