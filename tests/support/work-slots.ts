import type { WorkSlots } from '../../app/lib/work-slots.server'

/**
 * Occupies places of `slots` as these users (each id once per place: repeat an id to hold a user's
 * running and waiting places) until the returned function is called; it resolves when all have run.
 */
export function holdSlots(slots: WorkSlots, ...userIds: string[]): () => Promise<unknown> {
  let open!: () => void
  const gate = new Promise<void>((resolve) => (open = resolve))
  const runs = userIds.map((userId) => slots.run(userId, () => gate))
  return () => {
    open()
    return Promise.all(runs)
  }
}
