import { sql } from 'kysely'
import type { Tx } from '~/lib/db.server'

import { AUDIT_PAGE_SIZE, AUDITED_TABLES } from './audit'

/**
 * Audit entries of the orgs in the county's subtree, newest first. RLS shows only what the
 * caller may audit; the county filter keeps a multi-county reader on the county they opened.
 */
export async function listAudit(tx: Tx, scopeOrgId: string, opts: { table?: string; page?: number }) {
  const page = Math.max(1, opts.page ?? 1)
  const table = (AUDITED_TABLES as readonly string[]).includes(opts.table ?? '') ? opts.table! : null
  const { rows } = await sql<{
    id: number
    occurred_at: Date
    actor_id: string | null
    actor_name: string | null
    actor_email: string | null
    table_name: string
    row_id: string | null
    org_name: string | null
    op: 'INSERT' | 'UPDATE' | 'DELETE'
    changed: string[]
    total: number
  }>`
    select a.id, a.occurred_at, a.actor_id, p.display_name as actor_name, p.email as actor_email,
           a.table_name, a.row_id, o.name as org_name, a.op,
           coalesce(array(
             select k from jsonb_object_keys(coalesce(a.new_row, a.old_row)) k
              where a.op <> 'UPDATE' or (a.new_row -> k) is distinct from (a.old_row -> k)
              order by k
           ), '{}') as changed,
           count(*) over ()::int as total
      from public.audit_log a
      join public.org_closure c on c.descendant_id = a.org_id and c.ancestor_id = ${scopeOrgId}
      left join public.profiles p on p.user_id = a.actor_id
      left join public.orgs o on o.id = a.org_id
     where (${table}::text is null or a.table_name = ${table})
     order by a.occurred_at desc, a.id desc
     limit ${AUDIT_PAGE_SIZE} offset ${(page - 1) * AUDIT_PAGE_SIZE}`.execute(tx)
  return { entries: rows, total: rows[0]?.total ?? 0, page, table }
}
