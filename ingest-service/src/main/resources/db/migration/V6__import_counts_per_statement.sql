-- The import counts of V5 moved once per version whose status changed: an update of import_job's row for every
-- report, so a batch of 500 reports made 500 versions of that one row in one transaction, each update walking the
-- chain of the ones before it. Reports are now applied a batch per statement (PipelineStatuses), and the counts move
-- once per statement and import, from the statement's old and new rows.

drop trigger document_version_counts_for_imports on document_version;
drop function wenku_count_import_status();

create function wenku_count_import_statuses() returns trigger
    language plpgsql as $$
begin
    update import_job j set analyzed = j.analyzed + c.analyzed, indexed = j.indexed + c.indexed
    from (select i.import_id,
                 sum((n.status in ('ANALYZED', 'INDEXED'))::integer
                     - (o.status in ('ANALYZED', 'INDEXED'))::integer) as analyzed,
                 sum((n.status = 'INDEXED')::integer - (o.status = 'INDEXED')::integer) as indexed
          from changed_new n
          join changed_old o on o.document_id = n.document_id and o.version = n.version
          join import_version i on i.document_id = n.document_id and i.version = n.version
          where o.status is distinct from n.status
          group by i.import_id) c
    where j.id = c.import_id and (c.analyzed <> 0 or c.indexed <> 0);
    return null;
end
$$;

-- A statement trigger with transition tables cannot name columns (update of status): the join above keeps only the
-- versions whose status the statement changed.
create trigger document_version_counts_for_imports
    after update on document_version
    referencing old table as changed_old new table as changed_new
    for each statement execute function wenku_count_import_statuses();
