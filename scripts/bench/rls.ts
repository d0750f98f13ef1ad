/**
 * RLS overhead of the key pages' loader queries: the same domain functions the loaders call, run
 * (a) as the real user through withUser (role authenticated + JWT claims, every row through RLS) and
 * (b) as the connecting table owner (postgres, RLS bypassed) in a plain transaction, where the
 * functions' own explicit filters (village/period, town, county, unit id) select the same rows.
 * Both results are compared (JSON-equal) so that the ratio compares like with like.
 *
 * Every SQL statement of one user run is captured (Kysely's log hook) and re-run as
 * `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` as the same user, summarised as index scans used /
 * sequential scans on tables with more than 1,000 rows. Statements inside SQL functions (function
 * scans) are opaque to EXPLAIN and counted separately.
 */
import { randomUUID } from 'node:crypto'
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { Claims, Tx } from '~/lib/db.server'
import type { Database } from '~/lib/db-types'

export interface ExplainSummary {
  statements: number
  indexScans: number
  seqScansLarge: string[]
  seqScansSmall: number
  functionScans: number
  executionMs: number
  /** Plans of the statements inside functions and policy helpers (auto_explain, nested statements). */
  nested: { statements: number; indexScans: number; seqScansLarge: string[] }
}

export interface RlsResult {
  name: string
  account: string
  userMs: number
  ownerMs: number
  ratio: number
  sameResult: boolean
  explain: ExplainSummary
  /** the transaction set-up alone, no query: what withUser costs before any policy runs */
  baseline?: boolean
}

interface Case {
  name: string
  account: string
  run: (tx: Tx) => Promise<unknown>
  /** The owner's side when `run` as the owner would not give the user's result: RLS's rule as an explicit filter. */
  ownerRun?: (tx: Tx) => Promise<unknown>
  baseline?: boolean
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  Plans?: PlanNode[]
}

export async function measureRls(databaseUrl: string, runs: number): Promise<RlsResult[]> {
  process.env.DATABASE_URL = databaseUrl
  const { createPostgresBackend } = await import('~/lib/db-backend.server')
  const { withUser, closeDb } = await import('~/lib/db.server')
  const { demoOrgId, demoUserId } = await import('~/lib/seed.server')
  const { getReport, listTownReports } = await import('~/domain/monthly-reports/reports.server')
  const { addMonths, currentPeriod } = await import('~/domain/monthly-reports/schema')
  const { loadCompleteness, todayInShanghai } = await import('~/domain/monthly-reports/completeness.server')
  const { rangeFromParams } = await import('~/domain/monthly-reports/completeness')
  const { pairingFigures } = await import('~/domain/pairing/figures.server')
  const { findUnit, getUnit, pairingColumns, today } = await import('~/domain/orgs/orgs.server')

  // This process's database (db.server keeps it in globalThis.__portalDb), with a log hook that captures SQL.
  let recording: CompiledQuery[] | null = null
  const backend = createPostgresBackend(databaseUrl, 4)
  const db = new Kysely<Database>({
    dialect: backend.dialect,
    log: (event) => {
      if (recording && event.level === 'query') recording.push(event.query)
    },
  })
  ;(globalThis as unknown as { __portalDb?: Promise<unknown> }).__portalDb = Promise.resolve({ backend, db })

  const claimsOf = (email: string): Claims => ({
    sub: demoUserId(email),
    role: 'authenticated',
    email,
    exp: Math.floor(Date.now() / 1000) + 3600,
    session_id: randomUUID(),
    aal: 'aal1',
  })

  const village = demoOrgId('440232101201')
  const town = demoOrgId('440232101000')
  const county = demoOrgId('440232')
  const unit = demoOrgId('RY-C01')
  const period = addMonths(currentPeriod(), -5)

  const cases: Case[] = [
    {
      name: 'reference: transaction set-up only (withUser: set role + claims; owner: begin/commit), no query',
      account: 'county.admin@ruyuan.demo',
      run: async () => null,
      baseline: true,
    },
    {
      name: `village report form (Yunmen, ${period.slice(0, 7)}): getReport with its history and earlier months`,
      account: 'yunmen.secretary@ruyuan.demo',
      run: async (tx) => getReport(tx, { villageId: village, period }, { history: true }),
    },
    {
      name: 'town review list (Rucheng, state=all, first page of 50, with the total): listTownReports',
      account: 'rucheng.admin@ruyuan.demo',
      run: async (tx) => listTownReports(tx, town, { period: null, state: 'all' }, { limit: 50 }),
    },
    {
      name: 'county completeness heatmap (Ruyuan, default range): loadCompleteness',
      account: 'county.admin@ruyuan.demo',
      run: async (tx) => {
        const today = await todayInShanghai(tx)
        return loadCompleteness(tx, { id: county, kind: 'county' }, rangeFromParams(new URLSearchParams(), today), today)
      },
    },
    {
      name: 'county pairing figures (Ruyuan): pairingFigures',
      account: 'county.admin@ruyuan.demo',
      run: (tx) => pairingFigures(tx, county),
    },
    {
      name: 'support-unit home, village list (RY-C01): getUnit',
      account: 'unit.liaison@ruyuan.demo',
      run: (tx) => getUnit(tx, unit),
      // getUnit's two statements, with the rule RLS applies to a unit's reads of orgs as an explicit filter: a
      // village (and so its town) is named only while the unit is paired with it today. Run as is, the owner
      // would also name the villages of ended pairings, which the liaison does not see.
      ownerRun: async (tx) => {
        const found = await findUnit(tx, unit)
        if (!found) return null
        const { rows: pairings } = await sql`select ${pairingColumns}
            from public.pairings p
            left join public.orgs u on u.id = p.unit_id
            left join public.orgs v on v.id = p.village_id and p.starts_on <= ${today} and (p.ends_on is null or p.ends_on >= ${today})
            left join public.orgs t on t.id = v.parent_id
           where p.unit_id = ${unit}
           order by active desc, t.code, v.code`.execute(tx)
        return { ...found, pairings }
      },
    },
  ]

  const { rows: sizes } = await db.executeQuery<{ relname: string; n: number }>(
    CompiledQuery.raw(`select c.relname, max(greatest(c.reltuples, 0))::float8 as n from pg_class c
                        join pg_namespace s on s.oid = c.relnamespace
                       where s.nspname in ('public', 'private', 'auth') and c.relkind in ('r', 'p', 'm') group by c.relname`),
  )
  const rowsOf = new Map(sizes.map((r) => [r.relname, Number(r.n)]))

  const asOwner = <T>(fn: (tx: Tx) => Promise<T>) => db.transaction().execute(fn)

  // Nested plans: one user run with auto_explain logging every statement, including those inside SQL and
  // PL/pgSQL functions (pairing_figures, report_completeness) and the RLS helpers, as JSON notices. LOAD
  // needs a superuser, so it runs before the transaction takes the user's role (as withUser does).
  const notices: string[] = []
  const explainPool = new pg.Pool({ connectionString: databaseUrl, max: 1 })
  explainPool.on('connect', (client) => client.on('notice', (n) => notices.push(n.message ?? '')))
  const explainDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: explainPool }) })
  const nestedPlans = async (claims: Claims, run: (tx: Tx) => Promise<unknown>) => {
    notices.length = 0
    await explainDb.transaction().execute(async (tx) => {
      await sql`load 'auto_explain'`.execute(tx)
      await sql`select set_config('auto_explain.log_min_duration', '0', true), set_config('auto_explain.log_analyze', 'on', true),
                       set_config('auto_explain.log_nested_statements', 'on', true), set_config('auto_explain.log_format', 'json', true),
                       set_config('auto_explain.log_level', 'notice', true)`.execute(tx)
      await sql`select set_config('role', 'authenticated', true), set_config('jit', 'off', true),
                       set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                       set_config('request.jwt.claim.sub', ${claims.sub}, true),
                       set_config('request.jwt.claim.role', 'authenticated', true)`.execute(tx)
      await run(tx)
    })
    const plans: PlanNode[] = []
    for (const message of notices) {
      const json = message.slice(message.indexOf('{'))
      try {
        plans.push((JSON.parse(json) as { Plan: PlanNode }).Plan)
      } catch {
        // not a plan
      }
    }
    return plans
  }
  const time = async (fn: () => Promise<unknown>) => {
    const t = process.hrtime.bigint()
    await fn()
    return Number(process.hrtime.bigint() - t) / 1e6
  }

  const results: RlsResult[] = []
  try {
    for (const c of cases) {
      const claims = claimsOf(c.account)
      const user = () => withUser(claims, c.run)
      const owner = () => asOwner(c.ownerRun ?? c.run)
      const sameResult = JSON.stringify(await user()) === JSON.stringify(await owner())
      for (let i = 0; i < 3; i++) {
        await user()
        await owner()
      }
      const u: number[] = []
      const o: number[] = []
      for (let i = 0; i < runs; i++) {
        // alternate the order so that drift on a shared machine hits both sides alike
        if (i % 2) {
          u.push(await time(user))
          o.push(await time(owner))
        } else {
          o.push(await time(owner))
          u.push(await time(user))
        }
      }

      recording = []
      await user()
      const captured: CompiledQuery[] = recording
      recording = null
      const explain: ExplainSummary = {
        statements: 0,
        indexScans: 0,
        seqScansLarge: [],
        seqScansSmall: 0,
        functionScans: 0,
        executionMs: 0,
        nested: { statements: 0, indexScans: 0, seqScansLarge: [] },
      }
      for (const plan of await nestedPlans(claims, c.run)) {
        explain.nested.statements++
        const walkNested = (n: PlanNode) => {
          const type = n['Node Type']
          if (type === 'Index Scan' || type === 'Index Only Scan' || type === 'Bitmap Index Scan') explain.nested.indexScans++
          if (type === 'Seq Scan') {
            const rel = n['Relation Name'] ?? '?'
            const n0 = rowsOf.get(rel) ?? 0
            if (n0 > 1000 && !explain.nested.seqScansLarge.includes(rel)) explain.nested.seqScansLarge.push(rel)
          }
          for (const child of n.Plans ?? []) walkNested(child)
        }
        walkNested(plan)
      }
      for (const q of captured) {
        if (!/^\s*(select|with)\b/i.test(q.sql)) continue
        explain.statements++
        const plan = await withUser(claims, async (tx) => {
          const r = await tx.executeQuery<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number }> }>(
            CompiledQuery.raw(`explain (analyze, buffers, format json) ${q.sql}`, [...q.parameters]),
          )
          return r.rows[0]!['QUERY PLAN'][0]!
        })
        explain.executionMs += plan['Execution Time']
        const walk = (n: PlanNode) => {
          const type = n['Node Type']
          if (type === 'Index Scan' || type === 'Index Only Scan' || type === 'Bitmap Index Scan') explain.indexScans++
          if (type === 'Function Scan') explain.functionScans++
          if (type === 'Seq Scan') {
            const rel = n['Relation Name'] ?? '?'
            const n0 = rowsOf.get(rel) ?? 0
            if (n0 > 1000) explain.seqScansLarge.push(`${rel} (${Math.round(n0).toLocaleString('en')} rows)`)
            else explain.seqScansSmall++
          }
          for (const child of n.Plans ?? []) walk(child)
        }
        walk(plan.Plan)
      }
      const userMs = median(u)
      const ownerMs = median(o)
      results.push({ name: c.name, account: c.account, userMs, ownerMs, ratio: userMs / ownerMs, sameResult, explain, baseline: c.baseline })
      console.log(`[bench] rls ${c.name}: user ${userMs.toFixed(2)} ms, owner ${ownerMs.toFixed(2)} ms, ${(userMs / ownerMs).toFixed(2)}x, same=${sameResult}`)
    }
  } finally {
    await closeDb()
    await explainDb.destroy()
  }
  return results
}
