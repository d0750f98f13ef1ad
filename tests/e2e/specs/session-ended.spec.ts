/**
 * A form submitted after the session ended loses nothing: the support unit's liaison writes a visit
 * note, signs out in another tab (which clears the session cookie of the whole browser), then presses
 * 保存 in the first tab. The page says the session ended and nothing was saved, offers a sign-in, and
 * after it one click saves the note as it was typed, line breaks included. Once with JavaScript and
 * once without. Labels are those of locales/zh-CN/auth.json and pairing.json.
 */
import type { Page } from '@playwright/test'
import { ORG, PASSWORD, expect, signIn, test } from '../fixtures'

const LIAISON = 'unit.liaison@ruyuan.demo'

for (const javaScriptEnabled of [true, false]) {
  test(`${javaScriptEnabled ? 'with' : 'without'} JavaScript: a visit note typed before the session ended is saved after signing in again`, async ({
    browser,
    consoleGuard,
    baseURL,
    locale,
    timezoneId,
  }) => {
    const context = await browser.newContext({ baseURL, locale, timezoneId, javaScriptEnabled })
    consoleGuard.watch(context)
    // the refused submission answers 401, which Chromium logs as a failed resource
    consoleGuard.allowHttpError([401], '/visits/new')
    try {
      const page = await context.newPage()
      const unit = await signIn(page, LIAISON)
      const stamp = Date.now().toString(36)
      const note = `入户走访 ${stamp}，了解务工返乡人员就业意向。\n第二行：约定下月再访。`

      await page.goto(`${unit}/visits/new`)
      await page.getByLabel('村（社区）').selectOption({ label: ORG.yunmen })
      await page.getByLabel('走访人数').fill('2')
      await page.getByLabel('走访笔记').fill(note)

      await signOutInAnotherTab(await context.newPage(), unit)

      await page.getByRole('button', { name: '保存' }).click()
      await expect(page.getByRole('heading', { name: '登录已失效，刚才提交的内容尚未保存' })).toBeVisible()
      await page.getByLabel('邮箱', { exact: true }).fill(LIAISON)
      await page.getByLabel('密码', { exact: true }).fill(PASSWORD)
      await page.getByRole('button', { name: '重新登录' }).click()

      await expect(page.getByRole('heading', { name: '已重新登录' })).toBeVisible()
      await expect(page.getByText(`当前登录账号：${LIAISON}`)).toBeVisible()
      await page.getByRole('button', { name: '保存刚才填写的内容' }).click()
      await expect(page).toHaveURL(/\/visits\?saved=1$/)
      const row = page.getByRole('row').filter({ hasText: stamp })
      await expect(row).toHaveCount(1)
      await expect(row).toContainText('第二行：约定下月再访。')
      await expect(row).toContainText(ORG.yunmen)
    } finally {
      await context.close()
    }
  })
}

test('a sign-in that fails keeps carrying the form; the page it came from can be opened without saving', async ({ browser, consoleGuard, baseURL, locale, timezoneId }) => {
  const context = await browser.newContext({ baseURL, locale, timezoneId })
  consoleGuard.watch(context)
  consoleGuard.allowHttpError([401], '/visits/new')
  consoleGuard.allowHttpError([400], '/login')
  try {
    const page = await context.newPage()
    const unit = await signIn(page, LIAISON)
    await page.goto(`${unit}/visits/new`)
    await page.getByLabel('村（社区）').selectOption({ label: ORG.yunmen })
    await page.getByLabel('走访人数').fill('1')
    await page.getByLabel('走访笔记').fill('未保存的笔记')
    await signOutInAnotherTab(await context.newPage(), unit)
    await page.getByRole('button', { name: '保存' }).click()

    await page.getByLabel('邮箱', { exact: true }).fill(LIAISON)
    await page.getByLabel('密码', { exact: true }).fill('not-the-password')
    await page.getByRole('button', { name: '重新登录' }).click()
    await expect(page.getByRole('alert')).toContainText('邮箱或密码不正确')
    await expect(page.getByText('刚才提交的内容还没有保存')).toBeVisible()

    await page.getByLabel('密码', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await expect(page.getByRole('heading', { name: '已重新登录' })).toBeVisible()
    await page.getByRole('link', { name: '不保存，打开该页面' }).click()
    await expect(page).toHaveURL(new RegExp(`${unit}/visits/new$`))
    await expect(page.getByLabel('走访笔记')).toHaveValue('')
  } finally {
    await context.close()
  }
})

async function signOutInAnotherTab(other: Page, portal: string) {
  await other.goto(portal)
  await other.getByRole('button', { name: '退出登录', exact: true }).click()
  await expect(other).toHaveURL(/\/login(\?.*)?$/)
  await other.close()
}
