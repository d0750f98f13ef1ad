import { ACCOUNTS, MULTI, ORG, expect, portalPath, test } from '../fixtures'

test.describe('each account lands on its own portal', () => {
  for (const account of ACCOUNTS) {
    test(`${account.email} → /${account.portal}/<id>`, async ({ page, login }) => {
      const landing = await login(page, account.email)
      expect(landing).toMatch(portalPath(account.portal))
      const title = page.getByRole('heading', { level: 1 })
      await expect(title).toHaveCount(1)
      if (account.org) await expect(title).toContainText(account.org)
      else await expect(title).not.toBeEmpty()
    })
  }
})

test('an account with two roles switches between its portals', async ({ page, login }) => {
  const landing = await login(page, MULTI)
  expect(landing).toMatch(/^\/(county|town)\//)

  const switcher = page.getByRole('link', { name: '切换门户', exact: true })
  await expect(switcher).toHaveAttribute('href', '/portals')
  await switcher.click()
  await expect(page).toHaveURL(/\/portals$/)

  const list = page.getByRole('main')
  const county = list.getByRole('link', { name: new RegExp(ORG.ruyuan) })
  const town = list.getByRole('link', { name: new RegExp(ORG.rucheng) })
  await expect(county).toHaveCount(1)
  await expect(town).toHaveCount(1)
  const countyPath = await county.getAttribute('href')
  const townPath = await town.getAttribute('href')
  expect(countyPath).toMatch(portalPath('county'))
  expect(townPath).toMatch(portalPath('town'))
  expect([countyPath, townPath]).toContain(landing)

  // Go to the portal it did not land on, then back through the switcher.
  const other = landing === countyPath ? { link: town, path: townPath, name: ORG.rucheng } : { link: county, path: countyPath, name: ORG.ruyuan }
  await other.link.click()
  await expect(page).toHaveURL((url) => url.pathname === other.path)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(other.name)

  await page.getByRole('link', { name: '切换门户', exact: true }).click()
  await list.getByRole('link', { name: new RegExp(landing === countyPath ? ORG.ruyuan : ORG.rucheng) }).click()
  await expect(page).toHaveURL((url) => url.pathname === landing)
})

test('from a village page, 返回 leads back where the village was found: the county to its town, a town to its home', async ({ page, login, newContext }) => {
  const county = await login(page, 'county.admin@ruyuan.demo')
  await page.getByRole('main').getByRole('link', { name: ORG.rucheng, exact: true }).click()
  await expect(page).toHaveURL(/\/towns\//)
  const townPage = page.url()
  await page.getByRole('main').getByRole('link', { name: ORG.yunmen }).first().click()
  await expect(page).toHaveURL(new RegExp(`^[^?]*${county}/villages/`))
  await page.getByRole('link', { name: `返回${ORG.rucheng}`, exact: true }).click()
  await expect(page).toHaveURL(townPage)

  const town = await (await newContext()).newPage()
  const home = await login(town, 'rucheng.admin@ruyuan.demo')
  await town.getByRole('main').getByRole('link', { name: ORG.yunmen }).first().click()
  await town.getByRole('link', { name: '返回', exact: true }).click()
  await expect(town).toHaveURL((url) => url.pathname === home)
})
