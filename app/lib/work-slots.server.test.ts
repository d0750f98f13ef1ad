import { afterEach, describe, expect, it, vi } from 'vitest'
import { WorkSlots } from './work-slots.server'

/** A job that runs until the test lets it finish. */
function heldJob<T>(value: T) {
  let finish!: () => void
  let started = false
  const done = new Promise<void>((resolve) => (finish = resolve))
  const job = async () => {
    started = true
    await done
    return value
  }
  return { job, finish, started: () => started }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

afterEach(() => {
  vi.useRealTimers()
})

describe('WorkSlots', () => {
  it('runs a job and gives back its value', async () => {
    const slots = new WorkSlots({ perUser: 1, capacity: 1, queueLimit: 0, waitMs: 1000 })
    expect(await slots.run('u1', async () => 42)).toEqual({ ok: true, value: 42 })
    expect(slots.load).toEqual({ running: 0, waiting: 0 })
  })

  it("runs a user's second job after the first, refuses one beyond `perUser`, and lets others pass", async () => {
    const slots = new WorkSlots({ perUser: 2, capacity: 4, queueLimit: 4, waitMs: 1000 })
    const first = heldJob('first')
    const second = heldJob('second')
    const runs = [slots.run('u1', first.job), slots.run('u1', second.job)]
    await tick()
    // the second waits for the first, though the process has places free
    expect([first.started(), second.started()]).toEqual([true, false])
    expect(await slots.run('u1', async () => 'third')).toEqual({ ok: false, reason: 'userBusy' })
    expect(await slots.run('u2', async () => 'other')).toEqual({ ok: true, value: 'other' })
    first.finish()
    await tick()
    expect(second.started()).toBe(true)
    second.finish()
    expect(await Promise.all(runs)).toEqual([
      { ok: true, value: 'first' },
      { ok: true, value: 'second' },
    ])
    expect(await slots.run('u1', async () => 'again')).toEqual({ ok: true, value: 'again' })
  })

  it("runs a user's next job even when the earlier one threw", async () => {
    const slots = new WorkSlots({ perUser: 2, capacity: 1, queueLimit: 1, waitMs: 1000 })
    const failing = slots.run('u1', async () => {
      await tick()
      throw new Error('database gone')
    })
    const next = slots.run('u1', async () => 'next')
    await expect(failing).rejects.toThrow('database gone')
    expect(await next).toEqual({ ok: true, value: 'next' })
    expect(slots.load).toEqual({ running: 0, waiting: 0 })
  })

  it('runs at most `capacity` jobs at once; the next wait in order and start as places free up', async () => {
    const slots = new WorkSlots({ perUser: 1, capacity: 2, queueLimit: 2, waitMs: 10_000 })
    const jobs = ['a', 'b', 'c', 'd'].map((v) => heldJob(v))
    const runs = jobs.map((j, i) => slots.run(`u${i}`, j.job))
    await tick()
    expect(jobs.map((j) => j.started())).toEqual([true, true, false, false])
    expect(slots.load).toEqual({ running: 2, waiting: 2 })
    jobs[1]!.finish()
    await tick()
    expect(jobs.map((j) => j.started())).toEqual([true, true, true, false])
    expect(slots.load).toEqual({ running: 2, waiting: 1 })
    jobs[0]!.finish()
    jobs[2]!.finish()
    jobs[3]!.finish()
    expect(await Promise.all(runs)).toEqual(['a', 'b', 'c', 'd'].map((value) => ({ ok: true, value })))
    expect(slots.load).toEqual({ running: 0, waiting: 0 })
  })

  it('refuses a job when the queue is full, without waiting', async () => {
    const slots = new WorkSlots({ perUser: 1, capacity: 1, queueLimit: 1, waitMs: 10_000 })
    const held = heldJob('held')
    const queued = heldJob('queued')
    const runs = [slots.run('u1', held.job), slots.run('u2', queued.job)]
    await tick()
    expect(await slots.run('u3', async () => 'refused')).toEqual({ ok: false, reason: 'serverBusy' })
    held.finish()
    queued.finish()
    expect(await Promise.all(runs)).toEqual([
      { ok: true, value: 'held' },
      { ok: true, value: 'queued' },
    ])
  })

  it('refuses a job that waited too long, and lets its user try again', async () => {
    vi.useFakeTimers()
    const slots = new WorkSlots({ perUser: 1, capacity: 1, queueLimit: 3, waitMs: 5_000 })
    const held = heldJob('held')
    const running = slots.run('u1', held.job)
    const waiting = slots.run('u2', async () => 'late')
    await vi.advanceTimersByTimeAsync(5_001)
    expect(await waiting).toEqual({ ok: false, reason: 'serverBusy' })
    expect(slots.load).toEqual({ running: 1, waiting: 0 })
    held.finish()
    await running
    expect(await slots.run('u2', async () => 'now')).toEqual({ ok: true, value: 'now' })
  })

  it('frees the place and the user when a job throws', async () => {
    const slots = new WorkSlots({ perUser: 1, capacity: 1, queueLimit: 0, waitMs: 1000 })
    await expect(
      slots.run('u1', async () => {
        throw new Error('database gone')
      }),
    ).rejects.toThrow('database gone')
    expect(slots.load).toEqual({ running: 0, waiting: 0 })
    expect(await slots.run('u1', async () => 'ok')).toEqual({ ok: true, value: 'ok' })
  })

  it('a refused user is not left marked busy', async () => {
    const slots = new WorkSlots({ perUser: 1, capacity: 1, queueLimit: 0, waitMs: 1000 })
    const held = heldJob('held')
    const running = slots.run('u1', held.job)
    await tick()
    expect(await slots.run('u2', async () => 'x')).toEqual({ ok: false, reason: 'serverBusy' })
    held.finish()
    await running
    expect(await slots.run('u2', async () => 'y')).toEqual({ ok: true, value: 'y' })
  })
})
