import { expect, signIn, test } from '../fixtures'

/**
 * A page's document brings only the texts of the namespaces its routes use (ADR 0005); a page reached
 * later in the browser fetches the namespaces it lacks and shows its texts, never their keys.
 */
test('a page brings its own texts; one reached later fetches the ones it lacks', async ({ page }) => {
  const fetched: string[] = []
  page.on('response', (res) => {
    const m = /\/locales\/([A-Za-z-]+)\.([a-z-]+)\.[0-9a-f]{12}\.json$/.exec(new URL(res.url()).pathname)
    if (m && res.status() === 200) fetched.push(`${m[1]} ${m[2]}`)
  })
  const home = await signIn(page, 'yunmen.secretary@ruyuan.demo')
  // the village home opened as a document brings its texts as scripts
  await page.goto(home)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('云门村')
  fetched.length = 0
  const scripts = await page.locator('head script[src^="/locales/"]').evaluateAll((els) => els.map((e) => new URL((e as HTMLScriptElement).src).pathname.split('.')[1]))
  expect(scripts.sort()).toEqual(['auth', 'common', 'completeness', 'orgs'])

  // the reports list uses the monthly-reports texts, which the village home did not bring
  await page.getByRole('navigation').getByRole('link', { name: '月度报告', exact: true }).click()
  await expect(page.getByRole('heading', { name: '月度报告', level: 2 })).toBeVisible()
  await expect.poll(() => fetched).toEqual(['zh-CN monthly-reports'])
  await expect(page.locator('main')).not.toContainText('list.')

  // back home: nothing more to fetch
  await page.getByRole('navigation').getByRole('link', { name: '村情概况', exact: true }).click()
  await expect(page).toHaveURL(/\/village\/[0-9a-f-]+$/)
  expect(fetched).toEqual(['zh-CN monthly-reports'])
})
