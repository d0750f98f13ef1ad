import { ORG, expect, expectDenied, orgIdOf, test } from '../fixtures'

// Each portal's own URL comes from signing its account in elsewhere (portalOf), never from a guess.

test('a village secretary cannot open another village: 404 without its name', async ({ page, login, portalOf, consoleGuard }) => {
  const daliaokeng = await portalOf('daliaokeng.secretary@ruyuan.demo')
  await login(page, 'yunmen.secretary@ruyuan.demo')
  await expectDenied(page, consoleGuard, daliaokeng, { statuses: [404], hidden: [ORG.daliaokeng] })
})

test('a village secretary cannot open its town or county portal', async ({ page, login, portalOf, consoleGuard }) => {
  const rucheng = await portalOf('rucheng.admin@ruyuan.demo')
  const youxi = await portalOf('youxi.staff@ruyuan.demo')
  const ruyuan = await portalOf('county.admin@ruyuan.demo')
  await login(page, 'yunmen.secretary@ruyuan.demo')

  for (const [path, name] of [
    [rucheng, ORG.rucheng],
    [youxi, ORG.youxi],
    [ruyuan, ORG.ruyuan],
  ] as const) {
    await expectDenied(page, consoleGuard, path, { hidden: [ORG.daliaokeng] })
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) }), `${path} must not render the portal`).toHaveCount(0)
  }
})

test('a town cannot open a village of another town, nor that town', async ({ page, login, portalOf, consoleGuard }) => {
  const daliaokengId = orgIdOf(await portalOf('daliaokeng.secretary@ruyuan.demo'))
  const youxi = await portalOf('youxi.staff@ruyuan.demo')
  const rucheng = await login(page, 'rucheng.admin@ruyuan.demo')
  const ruchengId = orgIdOf(rucheng)

  await expectDenied(page, consoleGuard, `/town/${ruchengId}/villages/${daliaokengId}`, { hidden: [ORG.daliaokeng] })
  await expectDenied(page, consoleGuard, youxi, { hidden: [ORG.daliaokeng] })
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(ORG.youxi) })).toHaveCount(0)
})

test('another county cannot open Ruyuan', async ({ page, login, portalOf, consoleGuard }) => {
  const ruyuan = await portalOf('county.admin@ruyuan.demo')
  const yunmen = await portalOf('yunmen.secretary@ruyuan.demo')
  await login(page, 'wengyuan.admin@ruyuan.demo')

  await expectDenied(page, consoleGuard, ruyuan, { hidden: [ORG.rucheng, ORG.youxi] })
  await expectDenied(page, consoleGuard, yunmen, { hidden: [ORG.yunmen] })
})

test('a support unit sees its paired village and not the others', async ({ page, login, portalOf, consoleGuard }) => {
  const daliaokeng = await portalOf('daliaokeng.secretary@ruyuan.demo')
  await login(page, 'unit.liaison@ruyuan.demo')

  await expect(page.getByRole('main').getByText(ORG.yunmen).first()).toBeVisible()
  await expect(page.locator('body')).not.toContainText(ORG.daliaokeng)

  await expectDenied(page, consoleGuard, daliaokeng, { hidden: [ORG.daliaokeng] })
})
