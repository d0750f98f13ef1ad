import { expect, test } from '../fixtures'

test.describe('sign-in page', () => {
  test('is in Chinese by default', async ({ page }) => {
    await page.goto('/login')
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
    await expect(page.getByLabel('邮箱', { exact: true })).toBeVisible()
    await expect(page.getByLabel('密码', { exact: true })).toBeVisible()
    await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible()
  })

  test('a failed sign-in shows one generic error, the same for a wrong password and an unknown email', async ({
    page,
    consoleGuard,
  }) => {
    // A rejected sign-in may answer 400/401/422; Chromium logs that as a failed resource.
    consoleGuard.allowHttpError([400, 401, 403, 422], '/login')

    const attempts = [
      { email: 'county.admin@ruyuan.demo', password: 'wrong-password' },
      { email: 'nobody@ruyuan.demo', password: 'Ruyuan#2026' },
    ]
    const messages: string[] = []
    for (const { email, password } of attempts) {
      await page.goto('/login')
      await page.getByLabel('邮箱', { exact: true }).fill(email)
      await page.getByLabel('密码', { exact: true }).fill(password)
      await page.getByRole('button', { name: '登录', exact: true }).click()
      const alert = page.getByRole('alert')
      await expect(alert).toHaveCount(1)
      await expect(alert).not.toBeEmpty()
      messages.push((await alert.innerText()).trim())
      expect(new URL(page.url()).pathname).toBe('/login')
    }
    expect(messages[1], 'the error must not tell which part was wrong').toBe(messages[0])
  })
})

test('sign-out returns to /login and ends the session', async ({ page, login }) => {
  const portal = await login(page, 'yunmen.clerk@ruyuan.demo')
  await page.getByRole('button', { name: '退出登录', exact: true }).click()
  await expect(page).toHaveURL(/\/login(\?.*)?$/)
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible()

  // The old session cookie is gone: the portal sends us back to sign in.
  await page.goto(portal)
  await expect(page).toHaveURL(/\/login\?/)
  expect(new URL(page.url()).searchParams.get('redirectTo')).toBe(portal)
})
