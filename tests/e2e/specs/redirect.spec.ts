import { MULTI, expect, portalPath, submitSignIn, test } from '../fixtures'

test('a portal opened while signed out comes back after sign-in', async ({ page, login, newContext }) => {
  // Find multi's second portal (not the one it lands on), so landing there proves redirectTo worked.
  const scout = await (await newContext()).newPage()
  const landing = await login(scout, MULTI)
  await scout.goto('/portals')
  const hrefs = await scout.getByRole('main').getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
  const target = hrefs.find((href) => href && href !== landing && /^\/(county|town)\//.test(href))
  expect(target, `a second portal on /portals besides ${landing}`).toBeTruthy()

  await page.goto(target!)
  await expect(page).toHaveURL(/\/login\?/)
  expect(new URL(page.url()).searchParams.get('redirectTo')).toBe(target)

  await submitSignIn(page, MULTI)
  await expect(page).toHaveURL((url) => url.pathname === target)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
})

for (const evil of ['https://evil.example/', '//evil.example/', '/\\evil.example/']) {
  test(`an external redirectTo (${evil}) is ignored`, async ({ page, context, baseURL }) => {
    // Should the app follow it, answer locally instead of failing on the closed network.
    await context.route((url) => url.hostname === 'evil.example', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>evil</h1>' }))

    await page.goto(`/login?redirectTo=${encodeURIComponent(evil)}`)
    await submitSignIn(page, 'yunmen.secretary@ruyuan.demo')
    await page.waitForURL((url) => url.pathname !== '/login')
    const landed = new URL(page.url())
    expect(landed.origin).toBe(new URL(baseURL!).origin)
    expect(landed.pathname).toMatch(portalPath('village'))
  })
}
