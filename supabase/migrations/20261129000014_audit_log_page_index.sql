-- The county's audit page lists the newest 50 entries of the orgs under it, with a total. It joined every
-- entry of the county to its author and org and worked out its changed fields before keeping 50, and
-- sorted the whole county by time from the heap. With ~71,000 entries under one county (a county's few
-- years of reports and visit diaries; 1.3 million in the database) a page took ~190 ms of Postgres.
-- The page now picks its 50 ids first, from this index alone (newest first per org, the page's own
-- order, with the table name for the filter), then reads and joins those 50 rows; the total is a
-- second, index-only count (domain/audit/audit.server.ts). Measured the same way: ~30 ms for the page
-- and ~12–17 ms for the count.
--
-- Deploying: built inside the migration's transaction (no CONCURRENTLY), so writes that add audit
-- entries wait while it builds (seconds for a million entries). Apply it at a quiet hour on a large
-- database.

drop index public.audit_log_org_id_occurred_at_idx;
create index audit_log_org_id_occurred_at_idx on public.audit_log (org_id, occurred_at desc, id desc) include (table_name);
