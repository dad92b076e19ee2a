package dev.wenku.ingest.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An import as editors follow it ({@code GET /api/imports/{id}}).
 *
 * @param state       {@code RUNNING} while lines remain, {@code DONE}, or {@code FAILED} (its body could not be read)
 * @param bytesRead   bytes of the body handled so far, of {@code sizeBytes}
 * @param lines       lines read (blank ones included, so line numbers match the file)
 * @param created     documents stored new; {@code updated}: new versions of existing ones; {@code unchanged}: already
 *                    there as they are
 * @param rejected    lines not imported; {@code rejections} names the first of them, with line number and error code
 * @param analyzed    of the versions the import stored, how many are analysed (or further); {@code indexed}: searchable
 * @param perSecond   lines read per second since the import began (until it ended)
 * @param etaSeconds  expected seconds until every line is read, at that pace (null when done or not yet known)
 */
public record ImportView(String id, String format, String fileName, String state, long sizeBytes, long bytesRead,
                         int lines, int created, int updated, int unchanged, int rejected, long analyzed, long indexed,
                         Double perSecond, Double etaSeconds, Instant createdAt, String createdBy, Instant finishedAt,
                         String error, List<Rejection> rejections) {

    /** A line that was not imported: its number (from 1), the error code and what was wrong. */
    public record Rejection(int line, String error, String message) {
    }

    static ImportView of(ImportStore.Job job, long[] pipeline, List<Rejection> rejections, Instant now) {
        Instant end = job.finishedAt() != null ? job.finishedAt() : now;
        double seconds = Math.max(0.001, Duration.between(job.createdAt(), end).toMillis() / 1000.0);
        Double perSecond = job.lines() == 0 ? null : job.lines() / seconds;
        Double eta = !"RUNNING".equals(job.state()) || job.position() == 0 ? null
            : (job.size() - job.position()) / (job.position() / seconds);
        return new ImportView(job.id(), "ndjson", job.fileName(), job.state(), job.size(), job.position(), job.lines(),
            job.created(), job.updated(), job.unchanged(), job.rejected(), pipeline[0], pipeline[1], perSecond, eta,
            job.createdAt(), job.createdBy(), job.finishedAt(), job.error(), rejections);
    }
}
