import { sql } from 'kysely'
import type { CadrePost } from '~/lib/db-types'
import type { Tx } from '~/lib/db.server'
import { POSTING_PAGE_SIZE } from './filters'

/** The live pairing figures of an org (public.pairing_figures, scoped by RLS), as exact decimal strings. */
export async function pairingFigures(tx: Tx, orgId: string): Promise<Record<string, string>> {
  const { rows } = await sql<{ metric: string; value: string }>`
    select metric, value::text as value from public.pairing_figures(${orgId}::uuid)`.execute(tx)
  return Object.fromEntries(rows.map((r) => [r.metric, r.value]))
}

export interface PostingRow {
  id: string
  cadre_id: string
  cadre_name: string
  cadre_title: string | null
  unit_name: string | null
  unit_name_en: string | null
  village_id: string
  village_name: string | null
  village_name_en: string | null
  post: CadrePost
  starts_on: string
  ends_on: string | null
  active: boolean
}

const today = sql<string>`(now() at time zone 'Asia/Shanghai')::date`
const postingActive = sql<boolean>`(p.starts_on <= ${today} and (p.ends_on is null or p.ends_on >= ${today}))`
/** The register's order: active first, then history, by village code, post, name; the id breaks ties. */
const postingOrder = sql`${postingActive} desc, v.code nulls last, p.post desc, c.name, p.id`
const postingsInScope = (orgId: string, activeOnly: boolean) =>
  sql`p.village_id in (select descendant_id from public.org_closure where ancestor_id = ${orgId}::uuid) and (not ${activeOnly} or ${postingActive})`

/**
 * One page of the cadres posted in the villages under an org (a village: its own), in the register's
 * order (pages neither repeat nor skip one), and how many there are in all.
 */
export async function postingsUnder(
  tx: Tx,
  orgId: string,
  { activeOnly = false, page = 1 }: { activeOnly?: boolean; page?: number } = {},
): Promise<{ rows: PostingRow[]; total: number }> {
  const inScope = postingsInScope(orgId, activeOnly)
  const { rows } = await sql<PostingRow>`
    select p.id, p.cadre_id, c.name as cadre_name, c.title as cadre_title, u.name as unit_name, u.name_en as unit_name_en,
           p.village_id, v.name as village_name, v.name_en as village_name_en, p.post, p.starts_on::text as starts_on, p.ends_on::text as ends_on,
           ${postingActive} as active
      from public.cadre_postings p
      join public.cadres c on c.id = p.cadre_id
      left join public.orgs u on u.id = c.unit_id
      left join public.orgs v on v.id = p.village_id
     where ${inScope}
     order by ${postingOrder}
     limit ${POSTING_PAGE_SIZE} offset ${(page - 1) * POSTING_PAGE_SIZE}`.execute(tx)
  const { rows: count } = await sql<{ n: string }>`select count(*) as n from public.cadre_postings p where ${inScope}`.execute(tx)
  return { rows, total: Number(count[0]!.n) }
}

/** The page of the org's postings register that lists this posting (1 when the posting is not there). */
export async function postingsPageOf(tx: Tx, orgId: string, postingId: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select x.n from (
      select p.id, row_number() over (order by ${postingOrder}) as n
        from public.cadre_postings p
        join public.cadres c on c.id = p.cadre_id
        left join public.orgs v on v.id = p.village_id
       where ${postingsInScope(orgId, false)}) x
     where x.id = ${postingId}::uuid`.execute(tx)
  return rows[0] ? Math.ceil(Number(rows[0].n) / POSTING_PAGE_SIZE) : 1
}
