import { sql } from 'kysely'
import type { Tx } from '~/lib/db.server'

import { AUDIT_PAGE_SIZE, AUDITED_TABLES, isListedColumn } from './audit'

/**
 * Audit entries of the orgs in the county's subtree, newest first, one page, and how many there are. RLS
 * shows only what the caller may audit; the county filter keeps a multi-county reader on the county they
 * opened. The page's ids come first, from the (org, time, id) index alone; only those rows are read,
 * joined to their author and org, and diffed (migration 20261129000014). `changed` names the columns an
 * update changed, or those an insert or delete had a value in, in the table's column order, without the
 * bookkeeping ones (isListedColumn).
 */
export async function listAudit(tx: Tx, scopeOrgId: string, opts: { table?: string; page?: number }) {
  const page = Math.max(1, opts.page ?? 1)
  const table = (AUDITED_TABLES as readonly string[]).includes(opts.table ?? '') ? opts.table! : null
  const inScope = sql`a.org_id in (select c.descendant_id from public.org_closure c where c.ancestor_id = ${scopeOrgId})
       and (${table}::text is null or a.table_name = ${table})`
  const { rows } = await sql<{
    id: number
    occurred_at: Date
    actor_id: string | null
    actor_name: string | null
    actor_email: string | null
    table_name: string
    row_id: string | null
    org_name: string | null
    org_name_en: string | null
    op: 'INSERT' | 'UPDATE' | 'DELETE'
    changed: string[]
  }>`
    with page as (
      select a.id, a.occurred_at from public.audit_log a
       where ${inScope}
       order by a.occurred_at desc, a.id desc
       limit ${AUDIT_PAGE_SIZE} offset ${(page - 1) * AUDIT_PAGE_SIZE}
    )
    select a.id, a.occurred_at, a.actor_id, p.display_name as actor_name, p.email as actor_email,
           a.table_name, a.row_id, o.name as org_name, o.name_en as org_name_en, a.op,
           coalesce(array(
             select k from jsonb_object_keys(coalesce(a.new_row, a.old_row)) k
              where case when a.op = 'UPDATE' then (a.new_row -> k) is distinct from (a.old_row -> k)
                         else jsonb_typeof(coalesce(a.new_row, a.old_row) -> k) <> 'null' end
              order by (select f.attnum from pg_catalog.pg_attribute f where f.attrelid = to_regclass(a.table_name) and f.attname = k), k
           ), '{}') as changed
      from page
      join public.audit_log a on a.id = page.id
      left join public.profiles p on p.user_id = a.actor_id
      left join public.orgs o on o.id = a.org_id
     order by page.occurred_at desc, page.id desc`.execute(tx)
  const { rows: counted } = await sql<{ total: number }>`select count(*)::int as total from public.audit_log a where ${inScope}`.execute(tx)
  const entries = rows.map((e) => ({ ...e, changed: e.changed.filter((column) => isListedColumn(e.table_name, column)) }))
  return { entries, total: counted[0]?.total ?? 0, page, table }
}
