/**
 * Scale generator for benchmarks: `npm run bench:seed -- --scale county|province` into DATABASE_URL.
 *
 *   county    the Ruyuan demo (npm run db:reset) plus monthly reports for every village and community
 *             for 36 months (December 2023 to the current month), with their history
 *   province  the Ruyuan demo (npm run db:reset: 乳源, the 翁源县 second tenant and every demo account, which the
 *             benchmark signs in as) plus 118 synthetic counties under 10 synthetic cities, so that the
 *             province holds 120 counties, 1,600 towns and 26,000 villages and communities; 60 months of
 *             monthly reports for every village (about 1.5 million) with their report_transitions; and the
 *             pairing domain of the synthetic villages at the demo's per-village ratios: support units and
 *             pairings, cadres, cadre_postings, households, household_pairs, pairing_activities, visits,
 *             concern_files, opinions, concern_cases and concern_case_events. The SQL is in
 *             scripts/bench/province/*.sql (one transaction; each "-- step:" is timed). Synthetic names say so
 *             (合成市01, 合成县001, "合成县001 镇03 村017"); their codes start with 8 (counties, towns,
 *             villages), 9 (cities) or SYN- (units), never clashing with the demo's 44… codes. There are no loan
 *             or ledger tables in the schema yet, so the province scale has none either.
 *
 * Runs on the service path (the table owner over DATABASE_URL, a superuser on Debian Postgres) with set-based
 * INSERT … SELECT generate_series, triggers off (session_replication_role = replica) so the audit
 * trigger does not write a row per generated report; every column a trigger would fill is filled here
 * (for province: org_closure rows, report templates and due dates, each case's 'open' event).
 * Deterministic: each value is a hash of (village, month, field), never random(); province ids are uuids
 * made of md5('bench:<kind>:<key>'). Wipes the database.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'

const scale = process.argv[process.argv.indexOf('--scale') + 1]
const MONTHS = 36

async function main() {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('bench:seed loads into Postgres: set DATABASE_URL (a database it may wipe)')
  if (scale !== 'county' && scale !== 'province') throw new Error('usage: npm run bench:seed -- --scale county|province')
  if (process.env.NODE_ENV === 'production') throw new Error('refusing to wipe a database with NODE_ENV=production')
  if (scale === 'province') return province(url)

  const started = Date.now()
  const reset = spawnSync('npm', ['run', '--silent', 'db:reset'], { stdio: ['ignore', 'ignore', 'inherit'], env: process.env })
  if (reset.status !== 0) throw new Error('npm run db:reset failed')
  const afterReset = Date.now()

  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query('begin')
    await c.query(`set local session_replication_role = replica`)
    // the template applies from the first generated month on (bench data only)
    await c.query(
      `update public.report_templates t set valid_from = (date_trunc('month', now() at time zone 'Asia/Shanghai') - make_interval(months => $1 - 1))::date
        where t.version = (select min(version) from public.report_templates x where x.county_id = t.county_id)`,
      [MONTHS],
    )
    const { rowCount } = await c.query(
      `with months as (
         select generate_series(date_trunc('month', now() at time zone 'Asia/Shanghai') - make_interval(months => $1 - 1),
                                date_trunc('month', now() at time zone 'Asia/Shanghai') - interval '4 months', interval '1 month')::date as period
       ), villages as (
         select v.id as village_id, t.id as template_id, t.definition, t.due_day,
                (select m.user_id from public.memberships m where m.org_id = v.id and m.role = 'village_secretary' limit 1) as secretary
           from public.orgs v
           join public.org_closure k on k.descendant_id = v.id
           join public.report_templates t on t.county_id = k.ancestor_id
          where v.kind in ('village', 'community')
            and t.version = (select min(version) from public.report_templates x where x.county_id = t.county_id)
       ), rows as (
         select v.village_id, m.period, v.template_id, v.secretary,
                (m.period + interval '1 month' + make_interval(days => v.due_day - 1))::date as due_on,
                abs(hashtext(v.village_id::text || m.period::text)) as h,
                (select jsonb_object_agg(f ->> 'key',
                          case f ->> 'type'
                            when 'boolean' then to_jsonb(true)
                            when 'integer' then to_jsonb(least(coalesce((f ->> 'max')::int, 100), coalesce((f ->> 'min')::int, 0) + abs(hashtext(v.village_id::text || m.period::text || (f ->> 'key'))) % 4 + 1))
                            when 'number' then to_jsonb(least(coalesce((f ->> 'max')::numeric, 100), coalesce((f ->> 'min')::numeric, 0) + abs(hashtext(v.village_id::text || m.period::text || (f ->> 'key'))) % 4 + 1))
                            else to_jsonb('generated'::text) end)
                   from jsonb_path_query(v.definition, '$.sections[*].fields[*]') f) as vals
           from villages v cross join months m
       )
       insert into public.monthly_reports (village_id, period, template_id, state, values, due_on, revision,
                                           first_submitted_at, submitted_at, submitted_by, reviewed_at, reviewed_by, created_by, updated_by)
       select village_id, period, template_id, 'approved', vals, due_on, 3,
              (due_on - (h % 6) + 2)::timestamptz, (due_on - (h % 6) + 2)::timestamptz, secretary,
              (due_on + 5)::timestamptz, null, secretary, secretary
         from rows
       on conflict (village_id, period) do nothing`,
      [MONTHS],
    )
    await c.query(
      `insert into public.report_transitions (report_id, village_id, from_state, to_state, values, actor_id, occurred_at)
       select r.id, r.village_id, s.from_state::public.report_state, s.to_state::public.report_state,
              case when s.to_state = 'submitted' then r.values end, r.submitted_by,
              case when s.to_state = 'submitted' then r.submitted_at else r.reviewed_at end
         from public.monthly_reports r
         cross join (values ('draft', 'submitted'), ('submitted', 'approved')) s (from_state, to_state)
        where r.revision = 3 and r.reviewed_by is null and r.state = 'approved'
          and not exists (select 1 from public.report_transitions t where t.report_id = r.id)`,
    )
    await c.query('commit')
    await c.query('analyze')
    const { rows } = await c.query<{ reports: string; villages: string }>(
      `select (select count(*) from public.monthly_reports) as reports,
              (select count(*) from public.orgs where kind in ('village', 'community')) as villages`,
    )
    const done = Date.now()
    console.log(
      `bench:seed county: ${rows[0]!.villages} villages, ${rows[0]!.reports} reports (${rowCount} generated); ` +
        `demo reset ${((afterReset - started) / 1000).toFixed(1)} s, generation ${((done - afterReset) / 1000).toFixed(1)} s, total ${((done - started) / 1000).toFixed(1)} s`,
    )
  } catch (err) {
    await c.query('rollback').catch(() => undefined)
    throw err
  } finally {
    await c.end()
  }
}

const PROVINCE_DIR = path.join(import.meta.dirname, 'province')

/** The province load: npm run db:reset, then scripts/bench/province/*.sql in file order, one step at a time. */
async function province(url: string) {
  const steps = readdirSync(PROVINCE_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .flatMap((file) =>
      readFileSync(path.join(PROVINCE_DIR, file), 'utf8')
        .split(/^-- step: /m)
        .slice(1)
        .map((chunk) => ({ file, name: chunk.slice(0, chunk.indexOf('\n')).trim(), sql: chunk.slice(chunk.indexOf('\n') + 1) })),
    )
  const started = Date.now()
  const reset = spawnSync('npm', ['run', '--silent', 'db:reset'], { stdio: ['ignore', 'ignore', 'inherit'], env: process.env })
  if (reset.status !== 0) throw new Error('npm run db:reset failed')
  const afterReset = Date.now()
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query('begin')
    await c.query(`set local session_replication_role = replica`)
    await c.query(`set local work_mem = '256MB'`)
    await c.query(`set local maintenance_work_mem = '1GB'`)
    await c.query(`set local synchronous_commit = off`)
    for (const step of steps) {
      const t0 = Date.now()
      await c.query(step.sql)
      console.log(`  ${step.file} ${step.name}: ${seconds(Date.now() - t0)}`)
    }
    const t0 = Date.now()
    await c.query('commit')
    console.log(`  commit: ${seconds(Date.now() - t0)}`)
  } catch (err) {
    await c.query('rollback').catch(() => undefined)
    await c.end()
    throw err
  }
  try {
    // vacuum as well: sets the visibility map and hint bits now, so the benchmark's first reads do not write
    const t0 = Date.now()
    await c.query('vacuum (analyze)')
    console.log(`  vacuum (analyze): ${seconds(Date.now() - t0)}`)
    const tables = ['orgs', 'org_closure', 'report_templates', 'monthly_reports', 'report_transitions', 'pairings', 'cadres',
      'cadre_postings', 'households', 'household_pairs', 'pairing_activities', 'visits', 'concern_files', 'opinions',
      'concern_cases', 'concern_case_events', 'audit_log']
    const { rows } = await c.query<{ name: string; n: string }>(
      `select * from (${tables.map((t, i) => `select ${i} as i, '${t}' as name, count(*)::text as n from public.${t}`).join(' union all ')}) x order by i`,
    )
    const { rows: kinds } = await c.query<{ kind: string; n: string }>(
      `select kind::text, count(*)::text as n from public.orgs group by kind order by kind`,
    )
    const done = Date.now()
    console.log(`bench:seed province: ${kinds.map((k) => `${k.n} ${k.kind}`).join(', ')}`)
    for (const r of rows) console.log(`  ${r.name.padEnd(22)} ${Number(r.n).toLocaleString('en-US').padStart(12)}`)
    console.log(
      `demo reset ${seconds(afterReset - started)}, generation ${seconds(done - afterReset)}, total ${seconds(done - started)}`,
    )
  } finally {
    await c.end()
  }
}

main().catch((err: unknown) => {
  console.error(`bench:seed failed: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
