/**
 * A password an administrator set is changed at the first sign-in, and an administrator resets a forgotten
 * one (ADR 0018): the county administrator adds a village clerk and reads the temporary password once; the
 * clerk signs in with it, is sent to 修改密码 and cannot open the portal before changing it, changes it and
 * lands on the page she wanted. The administrator then resets the password on the user page (after a
 * confirmation): the clerk's session ends, and the new temporary password must be changed again. Once with
 * JavaScript and once without. Labels are those of locales/zh-CN/users.json, auth.json and common.json.
 */
import type { BrowserContext, Page } from '@playwright/test'
import { ORG, expect, signIn, submitSignIn, test } from '../fixtures'

const ADMIN = 'county.admin@ruyuan.demo'
const REQUIRED = '您的密码由管理员设置，请先修改密码后再继续使用。'

for (const javaScriptEnabled of [true, false]) {
  test(`${javaScriptEnabled ? 'with' : 'without'} JavaScript: a new user changes the administrator’s password first; a reset ends their session`, async ({
    browser,
    consoleGuard,
    baseURL,
    locale,
    timezoneId,
  }) => {
    const contexts: BrowserContext[] = []
    const open = async () => {
      const context = await browser.newContext({ baseURL, locale, timezoneId, javaScriptEnabled })
      consoleGuard.watch(context)
      contexts.push(context)
      return context.newPage()
    }
    try {
      const stamp = `${Date.now().toString(36)}${javaScriptEnabled ? 'js' : 'nojs'}`
      const email = `e2e.clerk.${stamp}@ruyuan.demo`

      // the county administrator adds a clerk of 云门村 and reads the temporary password once
      const admin = await open()
      const county = await signIn(admin, ADMIN)
      await admin.goto(`${county}/users/new`)
      await admin.getByLabel('邮箱').fill(email)
      await admin.getByLabel('姓名').fill('测试文书')
      const yunmen = await admin.locator('#orgId option', { hasText: ORG.yunmen }).first().getAttribute('value')
      await admin.getByLabel('单位').selectOption(yunmen!)
      await admin.getByLabel('角色').selectOption({ label: '村文书' })
      await admin.getByRole('button', { name: '保存' }).click()
      await expect(admin.getByRole('heading', { name: '用户已创建' })).toBeVisible()
      const first = (await admin.locator('code.secret').innerText()).trim()
      expect(first).toMatch(/^\w{4}-\w{4}-\w{4}$/)
      await admin.getByRole('link', { name: '查看该用户' }).click()
      await expect(admin.getByRole('heading', { name: '测试文书' })).toBeVisible()
      const userPage = new URL(admin.url()).pathname

      // the clerk signs in with it: 修改密码 first, and the portal sends her back there
      const clerk = await open()
      await clerk.goto('/login')
      await submitSignIn(clerk, email, first)
      await clerk.waitForURL((url) => url.pathname === '/account/password')
      await expect(clerk.getByRole('status')).toHaveText(REQUIRED)
      const village = `/village/${yunmen}`
      await clerk.goto(`${village}/visits`)
      await clerk.waitForURL((url) => url.pathname === '/account/password')
      expect(new URL(clerk.url()).searchParams.get('redirectTo')).toBe(`${village}/visits`)
      await expect(clerk.getByRole('status')).toHaveText(REQUIRED)
      await expect(clerk.getByRole('link', { name: '返回' })).toHaveCount(0)

      await changePassword(clerk, first, `Yunmen ${stamp} 2027`)
      await clerk.waitForURL((url) => url.pathname === `${village}/visits`)
      await expect(clerk.getByRole('heading', { level: 1, name: ORG.yunmen })).toBeVisible()
      await clerk.goto(village)
      await expect(clerk).toHaveURL(new RegExp(`${village}$`))

      // she forgets it: the administrator resets it, after a confirmation
      await admin.goto(userPage)
      await expect(admin.getByText('管理员设置的临时密码')).toHaveCount(0)
      // the user page says when she changed it herself
      await expect(admin.getByText(/^本人于 .+ 修改$/)).toBeVisible()
      await admin.getByText('重置密码', { exact: true }).click()
      await admin.getByRole('button', { name: '确认重置密码' }).click()
      await expect(admin.getByRole('heading', { name: '密码已重置' })).toBeVisible()
      const second = (await admin.locator('code.secret').innerText()).trim()
      expect(second).toMatch(/^\w{4}-\w{4}-\w{4}$/)
      expect(second).not.toBe(first)
      await expect(admin.getByText(/管理员设置的临时密码（.+），本人尚未修改/)).toBeVisible()

      // her session has ended; the new temporary password must be changed first again
      await clerk.goto(`${village}/visits`)
      await clerk.waitForURL((url) => url.pathname === '/login')
      await submitSignIn(clerk, email, second)
      await clerk.waitForURL((url) => url.pathname === '/account/password')
      expect(new URL(clerk.url()).searchParams.get('redirectTo')).toBe(`${village}/visits`)
      await expect(clerk.getByRole('status')).toHaveText(REQUIRED)
      await changePassword(clerk, second, `Yunmen ${stamp} 2028`)
      await clerk.waitForURL((url) => url.pathname === `${village}/visits`)
    } finally {
      for (const context of contexts) await context.close()
    }
  })
}

async function changePassword(page: Page, current: string, next: string) {
  await page.getByLabel('当前密码').fill(current)
  await page.getByLabel('新密码', { exact: true }).fill(next)
  await page.getByLabel('确认新密码').fill(next)
  await page.getByRole('button', { name: '保存新密码' }).click()
}
