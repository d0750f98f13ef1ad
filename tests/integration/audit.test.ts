/**
 * The county's audit page (操作日志): every audited table can be filtered on and is named in both
 * languages; a page holds the newest 50 entries of the county's orgs with the fields each changed (in
 * words: labels in tests/integration/audit-fields.test.ts), the total counts them all, and nothing of
 * another county shows.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import zhAudit from '../../locales/zh-CN/audit.json'
import enAudit from '../../locales/en/audit.json'
import { AUDIT_PAGE_SIZE, AUDITED_TABLES } from '../../app/domain/audit/audit'
import { changedFieldsText } from '../../app/domain/audit/fields'
import { getRawDb, type Db } from '../../app/lib/db.server'
import { i18nInstance } from '../../app/lib/i18n'
import { allResources } from '../../app/lib/i18n.server'
import { setUserActive } from '../../app/lib/provisioning.server'
import { loader } from '../../app/routes/county/audit'
import { BASE, cookieFor, orgIdOf } from '../support/sessions'
import { createIsolatedTestDb } from '../support/test-db'

const RUYUAN = () => orgIdOf('county.admin@ruyuan.demo')
const YUNMEN = () => orgIdOf('yunmen.secretary@ruyuan.demo')
const WENGYUAN = () => orgIdOf('wengyuan.admin@ruyuan.demo')

interface Entry {
  id: number
  table_name: string
  row_id: string | null
  op: string
  org_name: string | null
  changed: string[]
  occurred_at: Date
}
interface Page {
  entries: Entry[]
  total: number
  page: number
  table: string | null
}

async function auditPage(query = ''): Promise<Page> {
  const request = new Request(`${BASE}/county/${RUYUAN()}/audit${query}`, { headers: { Cookie: await cookieFor('county.admin@ruyuan.demo') } })
  return (await loader({ request, params: { orgId: RUYUAN() }, context: {} } as LoaderFunctionArgs)) as unknown as Page
}

let db: Db
let isolated: Awaited<ReturnType<typeof createIsolatedTestDb>> | undefined
beforeAll(async () => {
  isolated = await createIsolatedTestDb('audit')
  db = await getRawDb()
})
afterAll(async () => {
  await isolated?.dispose()
})

describe('the audit page', () => {
  it('offers every table the audit trigger records, named in both languages', async () => {
    const { rows } = await sql<{ name: string }>`
      select distinct n.nspname || '.' || c.relname as name
        from pg_trigger t
        join pg_proc p on p.oid = t.tgfoid and p.proname in ('audit_row', 'audit_profile')
        join pg_class c on c.oid = t.tgrelid
        join pg_namespace n on n.oid = c.relnamespace
       where not t.tgisinternal
       order by 1`.execute(db)
    expect([...AUDITED_TABLES].sort()).toEqual(rows.map((r) => r.name))
    for (const name of AUDITED_TABLES) {
      const key = name.replace('public.', '') as keyof typeof zhAudit.tables
      expect(zhAudit.tables[key], `zh-CN tables.${key}`).toMatch(/[\u4e00-\u9fff]/)
      expect(enAudit.tables[key], `en tables.${key}`).toBeTruthy()
    }
  })

  it('lists the newest entries of the county a page at a time, with what changed, and counts them all', async () => {
    const before = await auditPage()
    // 120 report edits in Yunmen, a minute apart and newer than anything the seed wrote (dated from
    // tomorrow back), and 30 visit diaries in Wengyuan's village, which the Ruyuan page must never show
    const villageB = (await db.selectFrom('orgs').select('id').where('parent_id', 'in', db.selectFrom('orgs').select('id').where('parent_id', '=', WENGYUAN())).where('kind', '=', 'village').executeTakeFirstOrThrow()).id
    await sql`
      insert into public.audit_log (occurred_at, actor_role, table_name, row_id, org_id, op, old_row, new_row)
      select now() + interval '1 day' - make_interval(mins => g), 'village_secretary', 'public.monthly_reports', 'r' || g, ${YUNMEN()}::uuid, 'UPDATE',
             jsonb_build_object('state', 'draft', 'revision', g, 'period', '2026-06-01', 'values', '{}'::jsonb, 'updated_at', '2026-06-02'),
             jsonb_build_object('state', 'draft', 'revision', g + 1, 'period', '2026-06-01', 'values', jsonb_build_object('members', g), 'updated_at', '2026-06-03')
        from generate_series(1, 120) g`.execute(db)
    await sql`
      insert into public.audit_log (occurred_at, actor_role, table_name, row_id, org_id, op, old_row, new_row)
      select now() + interval '1 day', 'unit_liaison', 'public.visits', 'v' || g, ${villageB}::uuid, 'INSERT', null, jsonb_build_object('notes', '翁源走访', 'people_met', 2)
        from generate_series(1, 30) g`.execute(db)

    const first = await auditPage()
    expect(first.total).toBe(before.total + 120)
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE)
    const times = first.entries.map((e) => new Date(e.occurred_at).getTime())
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(first.entries.every((e) => e.table_name === 'public.monthly_reports' && e.org_name === '云门村')).toBe(true)
    // an update names only the fields whose value changed, not the counter and time every save touches
    expect(first.entries[0]!.changed).toEqual(['values'])
    expect(first.entries.some((e) => e.table_name === 'public.visits')).toBe(false)

    const second = await auditPage('?page=2')
    expect(second.entries).toHaveLength(AUDIT_PAGE_SIZE)
    expect(new Set([...first.entries, ...second.entries].map((e) => e.id)).size).toBe(2 * AUDIT_PAGE_SIZE)
    expect(new Date(second.entries[0]!.occurred_at).getTime()).toBeLessThanOrEqual(times.at(-1)!)

    // the filter, against direct counts of the county's entries
    const counted = async (table: string) =>
      (
        await sql<{ n: number }>`
          select count(*)::int as n from public.audit_log a
           where a.table_name = ${table} and a.org_id in (select descendant_id from public.org_closure where ancestor_id = ${RUYUAN()}::uuid)`.execute(db)
      ).rows[0]!.n
    const reports = await auditPage('?table=public.monthly_reports')
    expect(reports.table).toBe('public.monthly_reports')
    expect(reports.total).toBe(await counted('public.monthly_reports'))
    expect(reports.total).toBeGreaterThanOrEqual(120)
    expect(reports.entries.every((e) => e.table_name === 'public.monthly_reports')).toBe(true)
    const visits = await auditPage('?table=public.visits')
    expect(visits.total).toBe(await counted('public.visits'))
    expect(visits.entries.every((e) => e.table_name === 'public.visits')).toBe(true)
    expect(visits.entries.some((e) => e.row_id?.startsWith('v'))).toBe(false)

    const beyond = await auditPage(`?page=${Math.ceil(first.total / AUDIT_PAGE_SIZE) + 1}`)
    expect(beyond.entries).toEqual([])
    expect(beyond.total).toBe(first.total)
  })

  it('shows who deactivated an account and reactivated it, under the orgs of the user’s roles', async () => {
    const clerk = (await db.selectFrom('profiles').select('user_id').where('email', '=', 'yunmen.clerk@ruyuan.demo').executeTakeFirstOrThrow()).user_id
    const townAdmin = (await db.selectFrom('profiles').select('user_id').where('email', '=', 'rucheng.admin@ruyuan.demo').executeTakeFirstOrThrow()).user_id
    await setUserActive(clerk, false, townAdmin)
    await setUserActive(clerk, true, townAdmin)
    const page = await auditPage('?table=public.profiles')
    const mine = page.entries.filter((e) => e.row_id === clerk) as (Entry & { actor_email: string | null })[]
    expect(mine.map((e) => [e.op, e.org_name, e.actor_email, e.changed])).toEqual([
      ['UPDATE', '云门村', 'rucheng.admin@ruyuan.demo', ['is_active']],
      ['UPDATE', '云门村', 'rucheng.admin@ruyuan.demo', ['is_active']],
    ])
    // another county's administrator reads none of it
    const request = new Request(`${BASE}/county/${WENGYUAN()}/audit?table=public.profiles`, { headers: { Cookie: await cookieFor('wengyuan.admin@ruyuan.demo') } })
    const other = (await loader({ request, params: { orgId: WENGYUAN() }, context: {} } as LoaderFunctionArgs)) as unknown as Page
    expect(other.entries.some((e) => e.row_id === clerk)).toBe(false)
    expect(changedFieldsText(i18nInstance('zh-CN', allResources), 'public.profiles', mine[0]!.changed)).toBe('账号状态')
    expect(changedFieldsText(i18nInstance('en', allResources), 'public.profiles', mine[0]!.changed)).toBe('Account status')
  })

  it('names the changed fields in words, a table’s own before the shared one, in the table’s column order', async () => {
    // the end of a pairing and of a posting in Yunmen: the same column, two meanings
    const pairing = (await db.selectFrom('pairings').select('id').where('village_id', '=', YUNMEN()).where('ends_on', 'is', null).executeTakeFirstOrThrow()).id
    const posting = (await db.selectFrom('cadre_postings').select('id').where('village_id', '=', YUNMEN()).where('ends_on', 'is', null).executeTakeFirstOrThrow()).id
    await sql`update public.pairings set ends_on = starts_on + 3650, note = '到期' where id = ${pairing}::uuid`.execute(db)
    await sql`update public.cadre_postings set ends_on = starts_on + 3650 where id = ${posting}::uuid`.execute(db)
    const zh = i18nInstance('zh-CN', allResources)
    const en = i18nInstance('en', allResources)

    const pairings = (await auditPage('?table=public.pairings')).entries.find((e) => e.row_id === pairing)!
    expect([pairings.op, pairings.changed]).toEqual(['UPDATE', ['ends_on', 'note']])
    expect(changedFieldsText(zh, pairings.table_name, pairings.changed)).toBe('结对结束日期、备注')
    expect(changedFieldsText(en, pairings.table_name, pairings.changed)).toBe('Pairing ends on, Note')
    const postings = (await auditPage('?table=public.cadre_postings')).entries.find((e) => e.row_id === posting)!
    expect(changedFieldsText(zh, postings.table_name, postings.changed)).toBe('任职结束日期')
    expect(changedFieldsText(en, postings.table_name, postings.changed)).toBe('Posting ends on')

    // an insert names the fields it was given a value, without its id and creation time
    await sql`
      insert into public.audit_log (actor_role, table_name, row_id, org_id, op, new_row)
      values ('unit_liaison', 'public.visits', 'v-new', ${YUNMEN()}::uuid, 'INSERT',
              jsonb_build_object('id', 'v-new', 'village_id', ${YUNMEN()}::text, 'unit_id', null, 'cadre_id', null, 'household_id', null,
                                 'visited_on', '2026-11-20', 'people_met', 3, 'notes', '走访', 'created_by', null, 'created_at', now()))`.execute(db)
    const visit = (await auditPage('?table=public.visits')).entries.find((e) => e.row_id === 'v-new')!
    expect(visit.changed).toEqual(['village_id', 'visited_on', 'people_met', 'notes'])
    expect(changedFieldsText(zh, visit.table_name, visit.changed)).toBe('村（社区）、走访日期、走访人数、走访笔记')
    expect(changedFieldsText(en, visit.table_name, visit.changed)).toBe('Village / community, Date of the visit, People met, Notes')
  })
})
