import { MULTI, expect, submitSignIn, test } from '../fixtures'

test('the language switch is kept in a cookie, over the browser language', async ({ page, context }) => {
  await page.goto('/login')
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  const before = await context.cookies()

  await page.getByRole('button', { name: 'English', exact: true }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  const changed = (await context.cookies()).filter((c) => !before.some((b) => b.name === c.name && b.value === c.value))
  expect(changed.length, 'the choice is stored in a cookie').toBeGreaterThan(0)

  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByLabel('Email', { exact: true })).toBeVisible()
  await expect(page.getByLabel('Password', { exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()

  // A new tab of the same browser (zh-CN) still gets English.
  const other = await context.newPage()
  await other.goto('/login')
  await expect(other.locator('html')).toHaveAttribute('lang', 'en')
  await other.close()

  await page.getByRole('button', { name: '中文', exact: true }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expect(page.getByLabel('邮箱', { exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible()
})

test('the portal header speaks English too', async ({ page }) => {
  await page.goto('/login')
  await page.getByRole('button', { name: 'English', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()

  await submitSignIn(page, MULTI)
  await page.waitForURL((url) => url.pathname !== '/login')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('link', { name: 'Switch portal', exact: true })).toHaveAttribute('href', '/portals')

  await page.getByRole('button', { name: 'Sign out', exact: true }).click()
  await expect(page).toHaveURL(/\/login(\?.*)?$/)
  await expect(page.getByLabel('Email', { exact: true })).toBeVisible()
})
