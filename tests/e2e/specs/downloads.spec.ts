/**
 * Downloads in the browser: the registers' "导出 Excel" / "导出 CSV" and each import page's "下载模板"
 * give a spreadsheet, not a page (they are resource routes; a loader of a page route that returns a file
 * answered a browser's GET with the page, or a 500).
 */
import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures'

/** Clicks the link and checks that what arrives is an XLSX (a zip) with that file name ending. */
async function downloads(page: Page, link: string, nameEnding: RegExp) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link, exact: true }).click()])
  expect(download.suggestedFilename()).toMatch(nameEnding)
  const file = await readFile((await download.path())!)
  // PK\x03\x04: a zip, as every XLSX is; an HTML page starts with "<!DOCTYPE"
  expect(file.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04')
}

test('a village secretary downloads the household register and both import templates; a town its register', async ({ page, login, portalOf, newContext }) => {
  const village = await login(page, 'yunmen.secretary@ruyuan.demo')
  await page.goto(`${village}/households?status=poor`)
  await downloads(page, '导出 Excel', /\.xlsx$/)
  await page.getByRole('link', { name: '导入农户', exact: true }).click()
  await downloads(page, '下载模板', /\.xlsx$/)
  await page.goto(`${village}/households/pairs-import`)
  await downloads(page, '下载模板', /\.xlsx$/)

  const townPage = await (await newContext()).newPage()
  const town = await portalOf('rucheng.admin@ruyuan.demo')
  await login(townPage, 'rucheng.admin@ruyuan.demo')
  await townPage.goto(`${town}/households`)
  await downloads(townPage, '导出 Excel', /\.xlsx$/)
})

test('the county downloads its visit diaries as Excel and CSV, filtered as the register shows them; a unit its concern files', async ({ page, login, portalOf, newContext }) => {
  const county = await login(page, 'county.admin@ruyuan.demo')
  await page.goto(`${county}/visits?sort=village&dir=asc`)
  // the links carry the register's filters and sort, never its page
  await expect(page.getByRole('link', { name: '导出 CSV', exact: true })).toHaveAttribute('href', `${county}/visits/export.csv?sort=village&dir=asc`)
  await downloads(page, '导出 Excel', /\.xlsx$/)
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 CSV', exact: true }).click()])
  expect(download.suggestedFilename()).toMatch(/\.csv$/)
  const text = await readFile((await download.path())!, 'utf8')
  // UTF-8 with a byte-order mark (so that Excel reads the Chinese), then the translated header row
  expect(text.startsWith('\uFEFF')).toBe(true)
  expect(text.split('\r\n')[0]).toContain('日期')

  const unitPage = await (await newContext()).newPage()
  const unit = await portalOf('unit.liaison@ruyuan.demo')
  await login(unitPage, 'unit.liaison@ruyuan.demo')
  await unitPage.goto(`${unit}/concerns`)
  await downloads(unitPage, '导出 Excel', /\.xlsx$/)
})
