/**
 * A bound on the heavy work one server process does at once, for work whose cost a user chooses:
 * reading an uploaded workbook takes 0.2–0.7 s of the event loop and 100–150 MB of transient memory
 * (a 1.6 MB sheet of 24,000 rows of small cells), writing one of 20,000 rows 0.55 s and ~100 MB.
 * Without a bound, sixteen parallel imports from one village secretary grew the server from 104 MB
 * to 1.5 GB and held every other page for 14 s.
 *
 * - Each user runs one such job at a time. A second one waits for the first (a form submitted twice
 *   gets the second's true answer, e.g. "nothing new", rather than a refusal); beyond `perUser` jobs
 *   in all, the next is refused at once ('userBusy').
 * - The process runs `capacity` jobs at a time; the next `queueLimit` wait up to `waitMs` for a
 *   place; beyond that, or after waiting that long, they are refused ('serverBusy').
 *
 * Per process, on purpose: what it protects is the process's own memory and event loop (a cluster
 * of N workers runs at most N × capacity jobs).
 */

import { getFixedT } from './i18n.server'

export type SlotRefusal = 'userBusy' | 'serverBusy'

export type SlotResult<T> = { ok: true; value: T } | { ok: false; reason: SlotRefusal }

export interface WorkSlotLimits {
  /** jobs of one user at once, running or waiting for the user's earlier one */
  perUser: number
  /** jobs running at once */
  capacity: number
  /** jobs waiting for a place at once; the next one is refused */
  queueLimit: number
  /** how long a job waits for a place before it is refused */
  waitMs: number
}

interface Waiter {
  start: () => void
  timer: ReturnType<typeof setTimeout>
}

export class WorkSlots {
  private running = 0
  private readonly waiting: Waiter[] = []
  /** per user: jobs running or waiting, and the end of the last one */
  private readonly users = new Map<string, { jobs: number; last: Promise<void> }>()

  constructor(readonly limits: WorkSlotLimits) {}

  /** Runs `job` for `userId` when a place is free, or says why it was not run. */
  async run<T>(userId: string, job: () => Promise<T>): Promise<SlotResult<T>> {
    const user = this.users.get(userId) ?? { jobs: 0, last: Promise.resolve() }
    if (user.jobs >= this.limits.perUser) return { ok: false, reason: 'userBusy' }
    user.jobs++
    this.users.set(userId, user)
    const previous = user.last
    let finished!: () => void
    user.last = new Promise((resolve) => (finished = resolve))
    try {
      await previous
      if (!(await this.place())) return { ok: false, reason: 'serverBusy' }
      try {
        return { ok: true, value: await job() }
      } finally {
        this.release()
      }
    } finally {
      finished()
      if (--user.jobs === 0) this.users.delete(userId)
    }
  }

  /** Jobs running and waiting now (for tests and the health of the process). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length }
  }

  /** A user's jobs now, running or waiting for the user's earlier one (for tests). */
  jobsOf(userId: string): number {
    return this.users.get(userId)?.jobs ?? 0
  }

  private place(): Promise<boolean> {
    if (this.running < this.limits.capacity) {
      this.running++
      return Promise.resolve(true)
    }
    if (this.waiting.length >= this.limits.queueLimit) return Promise.resolve(false)
    return new Promise((resolve) => {
      const waiter: Waiter = {
        // the place is handed over by release(): `running` stays as it is
        start: () => {
          clearTimeout(waiter.timer)
          resolve(true)
        },
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1)
          resolve(false)
        }, this.limits.waitMs),
      }
      this.waiting.push(waiter)
    })
  }

  private release() {
    const next = this.waiting.shift()
    if (next) next.start()
    else this.running--
  }
}

/**
 * The spreadsheet imports (households, cadre ↔ household pairs): a user's import and one submitted
 * behind it (a double click); two at a time in the process, as a server on two cores also serves every
 * page; imports are occasional (a village's register, now and then), so a short queue absorbs a
 * month-end burst.
 */
export const importSlots = new WorkSlots({ perUser: 2, capacity: 2, queueLimit: 8, waitMs: 30_000 })

/**
 * The spreadsheet exports (a town's household register: up to 20,000 rows; a month of the county's
 * reports; a village's reports across months), with the same bounds as the imports.
 */
export const exportSlots = new WorkSlots({ perUser: 2, capacity: 2, queueLimit: 8, waitMs: 30_000 })

/** Seconds a refused import or export is told to wait before trying again. */
export const RETRY_AFTER_SECONDS = 10

/**
 * Runs an export in exportSlots, or throws a 429 that says why in the user's language, as plain text
 * (common:errors.exportBusy): the exports are download routes, and a link has no form to show a message in.
 */
export async function inExportSlot<T>(request: Request, userId: string, job: () => Promise<T>): Promise<T> {
  const ran = await exportSlots.run(userId, job)
  if (ran.ok) return ran.value
  const t = await getFixedT(request, 'common')
  throw new Response(t('errors.exportBusy'), {
    status: 429,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' },
  })
}
