-- How many of an import's versions are analysed and indexed, kept as counts on import_job instead of being counted
-- over the whole import (a join of import_version with document_version) each time its progress is read: an editor's
-- page and the command-line importer read it every second, and an import of the whole corpus stores 300,000 versions.

alter table import_job add column analyzed integer not null default 0;
alter table import_job add column indexed integer not null default 0;

-- The trigger finds the import of a version by it.
create index import_version_document on import_version (document_id, version);

update import_job j set analyzed = c.analyzed, indexed = c.indexed
from (select i.import_id,
             count(*) filter (where v.status in ('ANALYZED', 'INDEXED')) as analyzed,
             count(*) filter (where v.status = 'INDEXED') as indexed
      from import_version i join document_version v on v.document_id = i.document_id and v.version = i.version
      group by i.import_id) c
where j.id = c.import_id;

-- Moves the counts of the import that stored a version when the version's status changes (either way: a deleted
-- document's version no longer counts as indexed). Writers lock a document's row before import_job's, so this lock
-- taken under document_version's comes last in every transaction.
create function wenku_count_import_status() returns trigger
    language plpgsql as $$
declare
    analyzed_change integer := (new.status in ('ANALYZED', 'INDEXED'))::integer
                             - (old.status in ('ANALYZED', 'INDEXED'))::integer;
    indexed_change  integer := (new.status = 'INDEXED')::integer - (old.status = 'INDEXED')::integer;
begin
    if analyzed_change <> 0 or indexed_change <> 0 then
        update import_job j set analyzed = j.analyzed + analyzed_change, indexed = j.indexed + indexed_change
        from import_version i
        where i.document_id = new.document_id and i.version = new.version and j.id = i.import_id;
    end if;
    return null;
end
$$;

create trigger document_version_counts_for_imports
    after update of status on document_version
    for each row when (old.status is distinct from new.status)
    execute function wenku_count_import_status();
