-- Bulk imports of zip files besides NDJSON. For a zip, import_job.position is the index of the next entry in the
-- zip's central directory (for NDJSON it stays the byte position of the next line), and lines_read counts files.

-- How many files a zip holds (known from its central directory when it arrives), for its progress; null for NDJSON,
-- whose number of lines is known only once it is read.
alter table import_job add column total_items integer;

-- The zip entry that was not imported (its path in the zip); null for a line of NDJSON. The line column then holds
-- the file's number in the import (from 1), which keeps the rejections in order.
alter table import_rejection add column file_name text;
