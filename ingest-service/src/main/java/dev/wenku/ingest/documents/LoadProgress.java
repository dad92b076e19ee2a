package dev.wenku.ingest.documents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Progress of loading several files (a batch, the drop folder), logged as each file is done. */
public final class LoadProgress {

    private static final Logger log = LoggerFactory.getLogger(LoadProgress.class);

    private final String what;
    private final int files;
    private int done;
    private int created;
    private int updated;
    private int unchanged;
    private int failed;
    private int warnings;

    public LoadProgress(String what, int files) {
        this.what = what;
        this.files = files;
    }

    public synchronized void succeeded(String file, UploadResult result) {
        done++;
        for (DocumentOutcome document : result.documents()) {
            switch (document.outcome()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                default -> unchanged++;
            }
        }
        warnings += result.warnings().size();
        log.info("{}: {}/{} files done ({}: {} documents), {}", what, done, files, file, result.documents().size(), totals());
    }

    public synchronized void failed(String file, String error) {
        done++;
        failed++;
        log.warn("{}: {}/{} files done ({} failed: {}), {}", what, done, files, file, error, totals());
    }

    public synchronized String totals() {
        return created + " documents created, " + updated + " updated, " + unchanged + " unchanged, " + failed
            + " files failed, " + warnings + " warnings";
    }
}
