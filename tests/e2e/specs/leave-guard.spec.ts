/**
 * What a village secretary typed into the monthly report is not lost to a stray click: leaving the form by a
 * link asks first (stay, or leave without saving). Nothing is saved here: 云门村's October draft stays as the
 * demo has it for the report journey (monthly-reports.spec.ts).
 */
import { expect, test } from '../fixtures'

test('leaving the report form with unsaved changes asks first; staying keeps what was typed', async ({ page, login }) => {
  const village = await login(page, 'yunmen.secretary@ruyuan.demo')
  await page.goto(`${village}/reports/2026-10`)
  const field = page.locator('.report-form textarea').first()
  await field.fill('村道修缮资金缺口需镇里协调')
  const back = page.getByRole('link', { name: '返回月度报告列表' })

  await back.click()
  const dialog = page.getByRole('alertdialog', { name: '有未保存的修改' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('button', { name: '留在本页' })).toBeFocused()
  await dialog.getByRole('button', { name: '留在本页' }).click()
  await expect(dialog).toBeHidden()
  await expect(page).toHaveURL(/\/reports\/2026-10$/)
  await expect(field).toHaveValue('村道修缮资金缺口需镇里协调')

  // the portal's own navigation is held too; leaving without saving goes on
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '村情概况' }).click()
  await dialog.getByRole('button', { name: '离开，不保存' }).click()
  await expect(page).toHaveURL((url) => url.pathname === village)

  // nothing typed, nothing asked
  await page.goto(`${village}/reports/2026-10`)
  await page.getByRole('link', { name: '返回月度报告列表' }).click()
  await expect(page).toHaveURL(/\/reports$/)
})

test('a visit diary typed but not saved is not left behind by a stray click; Escape stays (saving it goes on: pairing.spec.ts)', async ({ page, login }) => {
  const unit = await login(page, 'unit.liaison@ruyuan.demo')
  await page.goto(`${unit}/visits/new`)
  await page.getByLabel('走访笔记').fill('入户了解危房改造进度')
  await page.getByRole('link', { name: '返回走访日记' }).click()
  const dialog = page.getByRole('alertdialog', { name: '有未保存的修改' })
  await expect(dialog).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(page.getByLabel('走访笔记')).toHaveValue('入户了解危房改造进度')
})
