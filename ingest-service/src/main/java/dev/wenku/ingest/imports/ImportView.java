package dev.wenku.ingest.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An import as editors follow it ({@code GET /api/imports/{id}}).
 *
 * @param format      {@code ndjson} or {@code zip}
 * @param state       {@code RUNNING} while lines or files remain, {@code DONE}, or {@code FAILED} (its body could not be
 *                    read)
 * @param unit        what {@code read}, {@code total} and {@code perSecond} count: {@code lines} of NDJSON or
 *                    {@code files} of a zip
 * @param read        lines read (blank ones included, so line numbers match the file), or files read (directories and
 *                    hidden files of a zip are not counted)
 * @param total       the files of a zip; null for NDJSON, whose lines are known only once read ({@code bytesRead} of
 *                    {@code sizeBytes} says how far it got)
 * @param bytesRead   bytes of NDJSON handled so far, of {@code sizeBytes}; null for a zip
 * @param created     documents stored new; {@code updated}: new versions of existing ones; {@code unchanged}: already
 *                    there as they are
 * @param rejected    lines or files not imported; {@code rejections} names the first of them, with line number or file
 *                    name and error code
 * @param analyzed    of the versions the import stored, how many are analysed (or further); {@code indexed}: searchable
 * @param perSecond   lines or files read per second since the import began (until it ended)
 * @param etaSeconds  expected seconds until every line or file is read, at that pace (null when done or not yet known)
 */
public record ImportView(String id, String format, String fileName, String state, String unit, int read,
                         Integer total, long sizeBytes, Long bytesRead, int created, int updated, int unchanged,
                         int rejected, long analyzed, long indexed, Double perSecond, Double etaSeconds,
                         Instant createdAt, String createdBy, Instant finishedAt, String error,
                         List<Rejection> rejections) {

    /**
     * A line or file that was not imported: the line's number (from 1) or the file's path in the zip, the error code
     * and what was wrong.
     */
    public record Rejection(Integer line, String file, String error, String message) {
    }

    static ImportView of(ImportStore.Job job, List<Rejection> rejections, Instant now) {
        Instant end = job.finishedAt() != null ? job.finishedAt() : now;
        double seconds = Math.max(0.001, Duration.between(job.createdAt(), end).toMillis() / 1000.0);
        Double perSecond = job.read() == 0 ? null : job.read() / seconds;
        boolean zip = job.format() == ImportFormat.ZIP;
        return new ImportView(job.id(), job.format().code(), job.fileName(), job.state(), job.format().unit(),
            job.read(), job.totalItems(), job.size(), zip ? null : job.position(), job.created(), job.updated(),
            job.unchanged(), job.rejected(), job.analyzed(), job.indexed(), perSecond, eta(job, seconds),
            job.createdAt(), job.createdBy(), job.finishedAt(), job.error(), rejections);
    }

    /** Seconds left at the pace so far: by files for a zip, by bytes for NDJSON (whose lines are not counted ahead). */
    private static Double eta(ImportStore.Job job, double seconds) {
        if (!"RUNNING".equals(job.state())) {
            return null;
        }
        if (job.totalItems() != null) {
            return job.read() == 0 ? null : (job.totalItems() - job.read()) / (job.read() / seconds);
        }
        return job.position() == 0 ? null : (job.size() - job.position()) / (job.position() / seconds);
    }
}
