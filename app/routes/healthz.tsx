import { sql } from 'kysely'
import { withService } from '~/lib/service.server'

/**
 * Readiness for load balancers and test runners: 200 once the database answers (on the embedded
 * database, after it has migrated and seeded itself), 503 while it does not.
 */
export async function loader() {
  await withService((tx) => sql`select 1`.execute(tx))
  return new Response('ok', { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
}
