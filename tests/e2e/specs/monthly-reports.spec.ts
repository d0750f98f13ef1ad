/**
 * The monthly report journey through every portal that takes part, in the browser:
 * the village secretary files and submits October's report, the town returns it with a reason, the
 * secretary sees the reason, fixes and resubmits, the town sees what changed and approves, the
 * village can no longer edit it (no form, and a hand-made POST is refused), and the county's
 * completeness for that month goes up by one.
 *
 * Once with JavaScript (云门村, 乳城镇: the demo leaves its October report a draft) and once without
 * (大潦坑村, 游溪镇: October not started). Labels are those of locales/zh-CN/monthly-reports.json and
 * completeness.json.
 */
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test'
import { expect, signIn, test, type ConsoleGuard } from '../fixtures'

const MONTH = '2026年10月'

interface Journey {
  secretary: string
  reviewer: string
  village: string
  /** October's report is a draft already (云门村) or not started yet (大潦坑村). */
  started: boolean
}

interface Actors {
  open(email: string): Promise<Page>
}

/** One browser context per person, signed in, with or without JavaScript; closed by the caller. */
function actors(browser: Browser, guard: ConsoleGuard, options: { javaScriptEnabled: boolean; baseURL?: string; locale?: string; timezoneId?: string }, contexts: BrowserContext[]): Actors {
  const pages = new Map<string, Page>()
  return {
    async open(email) {
      const known = pages.get(email)
      if (known) return known
      const context = await browser.newContext(options)
      guard.watch(context)
      contexts.push(context)
      const page = await context.newPage()
      await signIn(page, email)
      pages.set(email, page)
      return page
    },
  }
}

/** The county's October figures in the completeness page's month table: [expected, submitted, approved, …]. */
async function countyOctober(page: Page): Promise<{ submitted: number; approved: number; missing: number }> {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '报送情况' }).click()
  // the page with its default months first, so that the next URL is a new navigation with fresh figures
  await expect(page).toHaveURL(/\/completeness$/)
  await page.getByLabel('起始月份').selectOption({ label: MONTH })
  await page.getByLabel('截止月份').selectOption({ label: MONTH })
  await page.getByRole('button', { name: '查看', exact: true }).click()
  await expect(page).toHaveURL(/from=2026-10&to=2026-10/)
  const row = page.locator('#by-month tbody tr').filter({ hasText: MONTH })
  await expect(row).toHaveCount(1)
  const cells = row.getByRole('cell')
  const number = async (i: number) => Number((await cells.nth(i).innerText()).trim())
  return { submitted: await number(1), approved: await number(2), missing: await number(5) }
}

/** Fills every empty required input of the report form with a plausible value (a not-started report). */
async function fillRequired(form: Locator) {
  for (const input of await form.locator('input[name^="values."]:not([type=radio])').all()) {
    if ((await input.inputValue()) === '') await input.fill((await input.getAttribute('inputmode')) === 'decimal' ? '1000.00' : '1')
  }
  for (const select of await form.locator('select[name^="values."]').all()) {
    if ((await select.inputValue()) === '') await select.selectOption({ index: 1 })
  }
  for (const group of await form.locator('fieldset.report-field__choices').all()) {
    if (!(await group.locator('input:checked').count())) await group.getByRole('radio', { name: '是' }).check()
  }
  for (const area of await form.locator('textarea[name^="values."]').all()) {
    if ((await area.inputValue()) === '') await area.fill('按计划开展组织生活和走访群众工作。')
  }
}

async function runJourney(people: Actors, journey: Journey) {
  const stamp = Date.now().toString(36)
  const firstText = `召开支部党员大会一次，走访群众（第一次报送 ${stamp}）`
  const fixedText = `召开支部党员大会一次，走访群众十二户，办理群众事务三件（已按要求补充 ${stamp}）`
  const reason = `本月主要工作写得过于简单，请补充走访户数和办理事项（${stamp}）`

  // The county's October figures before anything happens.
  const county = await people.open('county.staff@ruyuan.demo')
  const before = await countyOctober(county)

  // 1. The secretary opens 月度报告, opens October, fills it in and submits.
  const secretary = await people.open(journey.secretary)
  await secretary.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '月度报告' }).click()
  await expect(secretary.getByRole('heading', { name: '月度报告', level: 2 })).toBeVisible()
  const october = secretary.locator('.month-card').filter({ has: secretary.getByRole('heading', { name: MONTH }) })
  if (journey.started) {
    await october.getByRole('link', { name: '填写' }).click()
  } else {
    await october.getByRole('button', { name: '开始填写' }).click()
  }
  await expect(secretary.getByRole('heading', { name: `${MONTH}月度报告` })).toBeVisible()
  const form = secretary.locator('form.report-form')
  // the whole form is there (the document may still be streaming when the heading shows)
  await secretary.waitForLoadState('load')
  await expect(form.getByRole('button', { name: '报送', exact: true })).toBeVisible()
  await fillRequired(form)
  await form.getByLabel('本月主要工作').fill(firstText)
  await form.getByRole('button', { name: '报送', exact: true }).click()
  await expect(secretary.getByText('报告已报送，等待镇党委审核。')).toBeVisible()
  await expect(secretary.locator('form.report-form')).toHaveCount(0)

  // 2. The town returns it with a reason.
  const town = await people.open(journey.reviewer)
  await town.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '月报审核' }).click()
  const queued = town.getByRole('row').filter({ hasText: journey.village }).filter({ hasText: MONTH })
  await queued.getByRole('link', { name: '审核' }).click()
  await expect(town.getByRole('heading', { name: '审核' })).toBeVisible()
  await town.getByLabel('退回原因').fill(reason)
  await town.getByRole('button', { name: '退回', exact: true }).click()
  await expect(town.getByText('已退回，村（社区）将看到退回原因。')).toBeVisible()

  // 3. The secretary sees the reason on her home page, opens the report, fixes it and resubmits.
  await secretary.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '村情概况' }).click()
  const notice = secretary.getByRole('listitem').filter({ hasText: `${MONTH}的月度报告已被退回` })
  await expect(notice).toContainText(`原因：${reason}`)
  await notice.getByRole('link', { name: '查看并修改' }).click()
  await expect(secretary.getByRole('heading', { name: `${MONTH}月度报告` })).toBeVisible()
  await expect(secretary.getByRole('status').filter({ hasText: '退回原因' })).toContainText(reason)
  await secretary.locator('form.report-form').getByLabel('本月主要工作').fill(fixedText)
  await secretary.locator('form.report-form').getByRole('button', { name: '报送', exact: true }).click()
  await expect(secretary.getByText('报告已报送，等待镇党委审核。')).toBeVisible()

  // 4. The town sees what changed since the last submission, and approves.
  await town.reload()
  const diff = town.getByRole('table', { name: '与上次报送相比的修改' })
  await expect(diff).toBeVisible()
  const changed = diff.getByRole('row').filter({ hasText: '本月主要工作' })
  await expect(changed).toContainText(firstText)
  await expect(changed).toContainText(fixedText)
  await town.getByRole('button', { name: '审核通过' }).click()
  await expect(town.getByText('已审核通过。')).toBeVisible()

  // 5. The secretary can no longer edit: no form, and a hand-made POST is refused and changes nothing.
  await secretary.reload()
  await expect(secretary.getByText('报告已审核通过并锁定。如需修改，请联系镇党委重新打开。')).toBeVisible()
  await expect(secretary.locator('form.report-form')).toHaveCount(0)
  await expect(secretary.getByRole('button', { name: '保存草稿' })).toHaveCount(0)
  await expect(secretary.getByRole('button', { name: '报送', exact: true })).toHaveCount(0)
  const reportUrl = new URL(secretary.url())
  for (const intent of ['save', 'submit']) {
    const response = await secretary.request.post(reportUrl.pathname, {
      form: { intent, revision: '1', 'values.work_done': `被篡改的内容 ${stamp}` },
      maxRedirects: 0,
    })
    expect([400, 403, 409], `a hand-made ${intent} of an approved report`).toContain(response.status())
  }
  await secretary.reload()
  await expect(secretary.getByText(fixedText)).toBeVisible()
  await expect(secretary.getByText(`被篡改的内容 ${stamp}`)).toHaveCount(0)

  // 6. The county's completeness for October has gone up by one.
  const after = await countyOctober(county)
  expect(after.approved, 'approved reports for October').toBe(before.approved + 1)
  expect(after.submitted, 'submitted reports for October').toBe(before.submitted + 1)
  expect(after.missing, 'missing reports for October').toBe(before.missing - 1)
}

test.describe('monthly report journey', () => {
  test('with JavaScript: 云门村 files, 乳城镇 returns then approves, the county counts it', async ({ browser, consoleGuard, baseURL, locale, timezoneId }) => {
    const contexts: BrowserContext[] = []
    try {
      const people = actors(browser, consoleGuard, { javaScriptEnabled: true, baseURL, locale, timezoneId }, contexts)
      consoleGuard.allowHttpError([400, 403, 409], '/reports/')
      await runJourney(people, { secretary: 'yunmen.secretary@ruyuan.demo', reviewer: 'rucheng.admin@ruyuan.demo', village: '云门村', started: true })
    } finally {
      for (const context of contexts) await context.close()
    }
  })

  test('without JavaScript: 大潦坑村 files, 游溪镇 returns then approves, the county counts it', async ({ browser, consoleGuard, baseURL, locale, timezoneId }) => {
    const contexts: BrowserContext[] = []
    try {
      const people = actors(browser, consoleGuard, { javaScriptEnabled: false, baseURL, locale, timezoneId }, contexts)
      consoleGuard.allowHttpError([400, 403, 409], '/reports/')
      await runJourney(people, { secretary: 'daliaokeng.secretary@ruyuan.demo', reviewer: 'youxi.staff@ruyuan.demo', village: '大潦坑村', started: false })
    } finally {
      for (const context of contexts) await context.close()
    }
  })
})

test('on a phone, the town’s queue shows each report’s review link without scrolling the table sideways', async ({ page, login }) => {
  await page.setViewportSize({ width: 375, height: 800 })
  await login(page, 'rucheng.admin@ruyuan.demo')
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '月报审核' }).click()
  await page.getByLabel('状态').selectOption({ label: '全部状态' })
  await page.getByRole('button', { name: '筛选' }).click()
  await expect(page).toHaveURL(/state=all/)
  const first = page.getByRole('row').filter({ has: page.getByRole('rowheader') }).first()
  const village = (await first.getByRole('rowheader').innerText()).trim()
  const action = first.getByRole('link', { name: /^(审核|查看)$/ })
  // in sight: not clipped by the table's horizontal scroll, nor beyond the screen's edge
  await expect(action).toBeInViewport({ ratio: 1 })
  await action.click()
  await expect(page.getByRole('heading', { level: 2 }).filter({ hasText: `${village} · ` })).toContainText('月度报告')
})

test('the county admin adds a template version: readable errors, a preview, then the saved version', async ({ page, login, consoleGuard }) => {
  consoleGuard.allowHttpError(400, '/templates/new')
  await login(page, 'county.admin@ruyuan.demo')
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '报表模板' }).click()
  await expect(page.getByRole('heading', { name: '月度报告模板' })).toBeVisible()
  await page.getByRole('link', { name: '新建版本' }).click()
  await expect(page.getByRole('heading', { name: /^新建第 \d+ 版$/ })).toBeVisible()
  const version = Number(/第 (\d+) 版/.exec(await page.getByRole('heading', { name: /^新建第/ }).innerText())![1])

  const definition = page.getByLabel('模板定义（JSON）')
  const original = await definition.inputValue()
  await definition.fill(original.replace('"type": "integer"', '"type": "number"'))
  await page.getByRole('button', { name: '预览' }).click()
  await expect(page.locator('#definition-error')).toContainText('类型：应为以下之一：integer, decimal, boolean, choice, text, longtext')

  await definition.fill(original)
  await page.getByRole('button', { name: '预览' }).click()
  await expect(page.getByRole('heading', { name: '预览（未保存）' })).toBeVisible()

  await page.getByRole('button', { name: '保存新版本' }).click()
  await expect(page.getByRole('heading', { name: `第 ${version} 版`, exact: true })).toBeVisible()
  await expect(page.getByRole('heading', { name: '填报表单' })).toBeVisible()
  await page.getByRole('link', { name: '返回模板列表' }).click()
  await expect(page.getByRole('row').filter({ hasText: `第 ${version} 版` })).toContainText('待生效')
})

test('the county staff reads completeness but has no template admin', async ({ page, login }) => {
  await login(page, 'county.staff@ruyuan.demo')
  const nav = page.getByRole('navigation', { name: '主导航' })
  await expect(nav.getByRole('link', { name: '报送情况' })).toBeVisible()
  await expect(nav.getByRole('link', { name: '报表模板' })).toHaveCount(0)
})

test('two reviewers decide the same report: the second is refused and sees the report as the first left it', async ({ page, login, newContext, consoleGuard }) => {
  consoleGuard.allowHttpError(409)
  await login(page, 'rucheng.admin@ruyuan.demo')
  await page.goto(`${new URL(page.url()).pathname}/reports?state=submitted`)
  await page.getByRole('row').filter({ has: page.getByRole('rowheader') }).first().getByRole('link', { name: '审核', exact: true }).click()
  await expect(page.getByRole('button', { name: '审核通过' })).toBeVisible()
  const reportPath = new URL(page.url()).pathname

  const other = await (await newContext()).newPage()
  await login(other, 'multi@ruyuan.demo')
  await other.goto(reportPath)
  await other.getByRole('button', { name: '审核通过' }).click()
  await expect(other.getByText('已审核通过。')).toBeVisible()

  // the first reviewer's page still offers the decision; returning now is refused, and the page reloads the report
  await page.getByLabel('退回原因').fill('请补充村集体收入明细')
  await page.getByRole('button', { name: '退回', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('报告当前状态为“已审核通过”，不能进行此操作。')
  await expect(page.getByRole('button', { name: '审核通过' })).toBeHidden()
  await expect(page.getByRole('button', { name: '重新打开' })).toBeVisible()
})
