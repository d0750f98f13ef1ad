/**
 * Urban-rural pairing in the browser: the support unit's liaison logs a visit and a five-helps /
 * four-deliveries activity for its paired village 云门村 and raises a case there; she cannot open
 * the unpaired 大潦坑村; the village and its town see the new records; the village assigns and
 * handles the case, and the unit sees its state. The county finds a cadre on its roster (~6,900 in the
 * demo) and posts her to a village. Labels are those of locales/zh-CN/pairing.json (the activity, visit
 * and cadre forms) and concerns.json.
 */
import { ORG, expect, expectDenied, orgIdOf, test } from '../fixtures'

test('a unit logs a visit, an activity and a case for its paired village; the village and the town see them; the village handles the case', async ({
  page,
  login,
  portalOf,
  newContext,
  consoleGuard,
}) => {
  test.slow()
  const stamp = Date.now().toString(36)
  const visitNote = `走访脱贫户，了解春耕用工需求 ${stamp}`
  const activityTitle = `送技术下乡：茶叶种植培训 ${stamp}`
  const caseTitle = `村道路灯维修 ${stamp}`
  const yunmen = await portalOf('yunmen.secretary@ruyuan.demo')
  const rucheng = await portalOf('rucheng.admin@ruyuan.demo')
  const daliaokengId = orgIdOf(await portalOf('daliaokeng.secretary@ruyuan.demo'))
  const unit = await login(page, 'unit.liaison@ruyuan.demo')

  // a visit
  await page.goto(`${unit}/visits/new`)
  await page.getByLabel('村（社区）').selectOption({ label: ORG.yunmen })
  await page.getByLabel('走访人数').fill('3')
  await page.getByLabel('走访笔记').fill(visitNote)
  await page.getByRole('button', { name: '保存' }).click()
  await expect(page).toHaveURL(/\/visits\?saved=1$/)
  await expect(page.getByText(visitNote)).toBeVisible()

  // an activity
  await page.goto(`${unit}/activities/new`)
  await page.getByLabel('村（社区）').selectOption({ label: ORG.yunmen })
  await page.getByLabel('活动类别').selectOption({ label: '送技术' })
  await page.getByLabel('活动名称').fill(activityTitle)
  await page.getByLabel('活动内容').fill('邀请县农业技术推广站讲解茶园管理。')
  await page.getByLabel('参加人数').fill('25')
  await page.getByRole('button', { name: '保存' }).click()
  await expect(page).toHaveURL(/\/activities\?saved=1$/)
  await expect(page.getByText(activityTitle)).toBeVisible()

  // a case; no private option for a unit
  await page.goto(`${unit}/concerns/new`)
  await expect(page.getByLabel('私密（帮扶单位不可见）')).toHaveCount(0)
  await page.getByRole('radio', { name: '群众事务' }).check()
  await page.getByLabel('村（社区）').selectOption({ label: ORG.yunmen })
  await page.getByLabel('事项名称').fill(caseTitle)
  await page.getByLabel('事项描述').fill('村道路灯损坏，群众夜间出行不便。')
  await page.getByRole('button', { name: '保存' }).click()
  await expect(page.getByRole('heading', { name: caseTitle })).toBeVisible()
  const caseId = orgIdOf(new URL(page.url()).pathname)
  await expect(page.getByText('待分派').first()).toBeVisible()
  await expect(page.getByRole('button', { name: '分派' })).toHaveCount(0)

  // the unpaired village does not exist for the unit
  await expectDenied(page, consoleGuard, `${unit}/villages/${daliaokengId}`, { statuses: [404], hidden: [ORG.daliaokeng] })

  // the village sees the three records, assigns and handles the case
  const village = await (await newContext()).newPage()
  await login(village, 'yunmen.secretary@ruyuan.demo')
  await village.goto(`${yunmen}/visits`)
  await expect(village.getByText(visitNote)).toBeVisible()
  await village.goto(`${yunmen}/activities`)
  await expect(village.getByText(activityTitle)).toBeVisible()
  await village.goto(`${yunmen}/concerns`)
  await village.getByRole('link', { name: caseTitle }).click()
  await expect(village.getByRole('heading', { name: caseTitle })).toBeVisible()

  // assigning without an owner is answered 400 with the field's error
  consoleGuard.allowHttpError([400], `/concerns/${caseId}`)
  await village.getByRole('button', { name: '分派' }).click()
  await expect(village.getByText('此项必填')).toBeVisible()
  await village.getByLabel('承办人').fill('李文华')
  await village.getByRole('button', { name: '分派' }).click()
  await expect(village.getByRole('status')).toContainText('办理中')
  await village.getByLabel('办理结果').fill('已更换路灯 3 盏。')
  await village.getByRole('button', { name: '标记已办理' }).click()
  await expect(village.getByRole('status')).toContainText('已办理')
  await expect(village.getByText('已更换路灯 3 盏。').first()).toBeVisible()

  // the town sees them too
  const town = await (await newContext()).newPage()
  await login(town, 'rucheng.admin@ruyuan.demo')
  await town.goto(`${rucheng}/visits`)
  await expect(town.getByText(visitNote)).toBeVisible()
  await town.goto(`${rucheng}/activities`)
  await expect(town.getByText(activityTitle)).toBeVisible()
  await town.goto(`${rucheng}/concerns?tab=case&state=handled`)
  await expect(town.getByRole('link', { name: caseTitle })).toBeVisible()

  // the unit sees the state, not the resolution
  await page.goto(`${unit}/concerns/${caseId}`)
  await expect(page.getByText('已办理').first()).toBeVisible()
  await expect(page.getByText('已更换路灯 3 盏。')).toHaveCount(0)
})

test('the county finds a cadre on its roster of thousands and posts her to a village as first secretary', async ({ page, login }) => {
  const name = `测试干部${Date.now().toString(36)}`
  const county = await login(page, 'county.admin@ruyuan.demo')
  await page.goto(`${county}/cadres`)
  await expect(page.getByText(/^共 [\d,]+ 名干部。$/)).toBeVisible()

  // a new cadre of the county organs
  await page.getByLabel('姓名', { exact: true }).fill(name)
  await page.getByLabel('职务', { exact: true }).fill('科员')
  await page.getByRole('button', { name: '保存干部' }).click()
  await expect(page).toHaveURL(/\/cadres\?saved=1$/)

  // found by name among the ~6,900, then posted from her row
  await page.getByLabel('查找干部').fill(name)
  await page.getByRole('button', { name: '查找', exact: true }).click()
  await expect(page.getByText('找到 1 名干部。')).toBeVisible()
  const row = page.getByRole('row', { name: new RegExp(name) })
  await row.getByRole('link', { name: '派驻到村' }).click()
  await expect(page).toHaveURL(/[?&]post=[0-9a-f-]{36}#post-cadre$/)
  const cadre = page.getByLabel('干部', { exact: true })
  await expect(cadre.locator('option:checked')).toHaveText(name)
  await page.getByLabel('村（社区）', { exact: true }).selectOption({ label: ORG.yunmen })
  await page.getByLabel('岗位', { exact: true }).selectOption({ label: '第一书记' })
  await page.getByLabel('开始日期', { exact: true }).fill(new Date().toISOString().slice(0, 10))
  await page.getByRole('button', { name: '保存派驻' }).click()
  // back on the register's page that lists the new posting
  await expect(page).toHaveURL(/\/cadres\?saved=1&postingsPage=\d+#postings$/)
  await expect(page.getByRole('row').filter({ hasText: name }).filter({ hasText: '第一书记' })).toHaveCount(1)
})
