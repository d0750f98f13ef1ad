import { describe, expect, it } from 'vitest'
import { currentRequestScope, forgetForRequest, memoPerRequest, readOnlyRequestScope, runInRequestScope } from './request-scope.server'

const get = () => new Request('http://localhost/village/x', { headers: { Cookie: 'sb=1' } })

describe('memoPerRequest', () => {
  it('shares one computation between the loaders of one request, each with its own Request object', async () => {
    let runs = 0
    const compute = async () => ++runs
    await memoPerRequest(get(), 'probe', compute) // creates the storage outside any scope
    runs = 0
    const [a, b] = await runInRequestScope('GET', () => Promise.all([memoPerRequest(get(), 'k', compute), memoPerRequest(get(), 'k', compute)]))
    expect([a, b, runs]).toEqual([1, 1, 1])
  })

  it('never shares between two requests', async () => {
    let runs = 0
    const compute = async () => ++runs
    const first = await runInRequestScope('GET', () => memoPerRequest(get(), 'k', compute))
    const second = await runInRequestScope('GET', () => memoPerRequest(get(), 'k', compute))
    expect([first, second]).toEqual([1, 2])
    // outside the server's scope only the same Request object shares
    const request = get()
    expect(await memoPerRequest(request, 'k', compute)).toBe(3)
    expect(await memoPerRequest(request, 'k', compute)).toBe(3)
    expect(await memoPerRequest(get(), 'k', compute)).toBe(4)
  })

  it('does not memoise actions: what they change must be read again', async () => {
    let runs = 0
    const compute = async () => ++runs
    const post = () => new Request('http://localhost/x', { method: 'POST' })
    const results = await runInRequestScope('GET', async () => [await memoPerRequest(post(), 'k', compute), await memoPerRequest(post(), 'k', compute)])
    expect(results).toEqual([1, 2])
  })

  it('gives every caller its own copy of a thrown Response, so each can be read', async () => {
    const compute = async () => {
      throw new Response('Not found', { status: 404 })
    }
    const bodies = await runInRequestScope('GET', () =>
      Promise.all([0, 1].map(() => memoPerRequest(get(), 'k', compute).catch((r: Response) => r.text()))),
    )
    expect(bodies).toEqual(['Not found', 'Not found'])
  })

  it('forgets on request (after sign-in or sign-out)', async () => {
    let runs = 0
    const compute = async () => ++runs
    const results = await runInRequestScope('GET', async () => {
      const first = await memoPerRequest(get(), 'k', compute)
      forgetForRequest(get(), 'k')
      return [first, await memoPerRequest(get(), 'k', compute)]
    })
    expect(results).toEqual([1, 2])
  })

  it('tells a GET or HEAD request of the production server from an action and from code outside a request', () => {
    expect(runInRequestScope('GET', () => readOnlyRequestScope()?.method)).toBe('GET')
    expect(runInRequestScope('HEAD', () => readOnlyRequestScope()?.method)).toBe('HEAD')
    expect(runInRequestScope('POST', () => readOnlyRequestScope())).toBeUndefined()
    expect(readOnlyRequestScope()).toBeUndefined()
  })
})

describe('the servers’ scope (server/request-scope.js)', () => {
  it('is the one the app finds: what the production server and npm run dev open, loaders see', async () => {
    const { inRequestScope } = await import('../../server/request-scope.js')
    expect(currentRequestScope()).toBeUndefined()
    expect(inRequestScope('POST', () => currentRequestScope()?.method)).toBe('POST')
    expect(inRequestScope('GET', () => readOnlyRequestScope()?.method)).toBe('GET')
    // each request a fresh memo
    const memos = [inRequestScope('GET', () => currentRequestScope()?.memo), inRequestScope('GET', () => currentRequestScope()?.memo)]
    expect(memos[0]).not.toBe(memos[1])
  })
})
