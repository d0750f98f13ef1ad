import { test as base, expect, type BrowserContext, type Page } from '@playwright/test'
import { MISSING_TRANSLATION } from '../../app/lib/i18n'

export { expect }

/** Password of every demo account in the Ruyuan seed. */
export const PASSWORD = 'Ruyuan#2026'

/** Org names the specs look for, as the seed spells them. */
export const ORG = {
  ruyuan: '乳源瑶族自治县',
  wengyuan: '翁源县',
  rucheng: '乳城镇',
  youxi: '游溪镇',
  yunmen: '云门村',
  daliaokeng: '大潦坑村',
} as const

export type PortalKind = 'county' | 'town' | 'village' | 'unit'

export interface DemoAccount {
  email: string
  portal: PortalKind
  /** Name the portal's h1 contains; unknown for the support units. */
  org?: string
}

/** Every single-role demo account and the portal it lands on after sign-in. */
export const ACCOUNTS: readonly DemoAccount[] = [
  { email: 'county.admin@ruyuan.demo', portal: 'county', org: ORG.ruyuan },
  { email: 'county.staff@ruyuan.demo', portal: 'county', org: ORG.ruyuan },
  { email: 'rucheng.admin@ruyuan.demo', portal: 'town', org: ORG.rucheng },
  { email: 'youxi.staff@ruyuan.demo', portal: 'town', org: ORG.youxi },
  { email: 'yunmen.secretary@ruyuan.demo', portal: 'village', org: ORG.yunmen },
  { email: 'yunmen.clerk@ruyuan.demo', portal: 'village', org: ORG.yunmen },
  { email: 'daliaokeng.secretary@ruyuan.demo', portal: 'village', org: ORG.daliaokeng },
  { email: 'unit.liaison@ruyuan.demo', portal: 'unit' },
  { email: 'province.liaison@ruyuan.demo', portal: 'unit' },
  { email: 'wengyuan.admin@ruyuan.demo', portal: 'county', org: ORG.wengyuan },
]

/** Holds two roles: county staff in 乳源 and town staff in 乳城镇. */
export const MULTI = 'multi@ruyuan.demo'

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

/** `/village/<uuid>` and the like, nothing after it. */
export function portalPath(kind: PortalKind): RegExp {
  return new RegExp(`^/${kind}/${UUID}/?$`)
}

/** The uuid at the end of a portal path. */
export function orgIdOf(path: string): string {
  const id = new RegExp(`(${UUID})/?$`).exec(path)?.[1]
  if (!id) throw new Error(`no org id in ${path}`)
  return id
}

const NETWORK_ERROR = /^Failed to load resource: the server responded with a status of (\d{3})/

/**
 * Fails the test on any console.error, missing translation or uncaught error in its pages. The one exception is
 * Chromium's own "Failed to load resource … status of 404" line for a response the test expects
 * (a 403/404 page, a rejected sign-in), declared with allowHttpError().
 */
export class ConsoleGuard {
  readonly problems: string[] = []
  private readonly allowed: { statuses: number[]; url?: string }[] = []
  private readonly watched = new WeakSet<BrowserContext>()

  /** Expect responses with one of these statuses (from URLs containing `url`): not an error. */
  allowHttpError(statuses: number | number[], url?: string) {
    this.allowed.push({ statuses: ([] as number[]).concat(statuses), url })
  }

  watch(context: BrowserContext) {
    if (this.watched.has(context)) return
    this.watched.add(context)
    context.on('console', (message) => {
      // a text missing in the page's language (lib/i18n.ts warns in the browser as on the server)
      if (message.type() === 'warning' && message.text().includes(MISSING_TRANSLATION)) {
        this.problems.push(`untranslated key: ${message.text()}`)
        return
      }
      if (message.type() !== 'error') return
      const where = message.location().url
      if (this.isAllowed(message.text(), where)) return
      this.problems.push(`console.error: ${message.text()}${where ? ` (at ${where})` : ''}`)
    })
    context.on('weberror', (webError) => {
      const error = webError.error()
      this.problems.push(`uncaught error in ${webError.page()?.url() ?? 'a page'}: ${error.stack ?? error.message}`)
    })
  }

  private isAllowed(text: string, url: string) {
    const status = Number(NETWORK_ERROR.exec(text)?.[1])
    if (!status) return false
    return this.allowed.some((rule) => rule.statuses.includes(status) && (!rule.url || url.includes(rule.url)))
  }
}

const EMAIL_LABEL = /^(邮箱|Email)$/
const PASSWORD_LABEL = /^(密码|Password)$/
const SUBMIT = /^(登录|Sign in)$/

/** Fills and submits the sign-in form on the page as it is (either language). */
export async function submitSignIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel(EMAIL_LABEL).fill(email)
  await page.getByLabel(PASSWORD_LABEL).fill(password)
  await page.getByRole('button', { name: SUBMIT }).click()
}

/** Signs in from /login and returns the path of the portal the account lands on. */
export async function signIn(page: Page, email: string, password = PASSWORD): Promise<string> {
  await page.goto('/login')
  await submitSignIn(page, email, password)
  await page.waitForURL((url) => url.pathname !== '/login')
  return new URL(page.url()).pathname
}

/**
 * Opens `path` and expects it to be refused: one of `statuses`, the matching error heading
 * (404 页面不存在, 403 无权访问), and none of `hidden` anywhere in the page.
 */
export async function expectDenied(
  page: Page,
  guard: ConsoleGuard,
  path: string,
  { statuses = [403, 404], hidden = [] }: { statuses?: number[]; hidden?: string[] } = {},
) {
  guard.allowHttpError(statuses, path)
  const response = await page.goto(path)
  const status = response?.status()
  expect(statuses, `status of ${path}`).toContain(status)
  await expect(page.getByRole('heading', { name: status === 404 ? '页面不存在' : '无权访问' })).toBeVisible()
  for (const text of hidden) await expect(page.locator('body'), `${path} must not show ${text}`).not.toContainText(text)
}

interface Fixtures {
  consoleGuard: ConsoleGuard
  /** Signs `page` in as a demo account (password Ruyuan#2026); resolves to the landing path. */
  login: (page: Page, email: string, password?: string) => Promise<string>
  /** Another browser context (another person), closed after the test and watched by the guard. */
  newContext: () => Promise<BrowserContext>
}

interface WorkerFixtures {
  /** Landing path of a demo account, signed in once per worker in a throwaway context. */
  portalOf: (email: string) => Promise<string>
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  consoleGuard: [
    async ({ context }, use) => {
      const guard = new ConsoleGuard()
      guard.watch(context)
      await use(guard)
      expect(guard.problems, 'console errors or uncaught errors in the page').toEqual([])
    },
    { auto: true },
  ],

  login: async ({ consoleGuard }, use) => {
    await use(async (page, email, password) => {
      consoleGuard.watch(page.context())
      return signIn(page, email, password)
    })
  },

  newContext: async ({ browser, consoleGuard, baseURL, locale, timezoneId }, use) => {
    const contexts: BrowserContext[] = []
    await use(async () => {
      const context = await browser.newContext({ baseURL, locale, timezoneId })
      consoleGuard.watch(context)
      contexts.push(context)
      return context
    })
    for (const context of contexts) await context.close()
  },

  portalOf: [
    async ({ browser }, use, workerInfo) => {
      const { baseURL, locale, timezoneId } = workerInfo.project.use
      const cache = new Map<string, string>()
      await use(async (email) => {
        const known = cache.get(email)
        if (known) return known
        const context = await browser.newContext({ baseURL, locale, timezoneId })
        try {
          const path = await signIn(await context.newPage(), email)
          cache.set(email, path)
          return path
        } finally {
          await context.close()
        }
      })
    },
    { scope: 'worker' },
  ],
})
