/**
 * Pages rendered as the server renders them (loader, then the route's component, in a static router),
 * for what only shows in the markup: figures formatted alike on every page (thousands grouped, rates
 * with one decimal), and a paged register asked for a page past its end.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { createElement, type ComponentType } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb } from '../../app/lib/db.server'
import { i18nInstance, type Locale } from '../../app/lib/i18n'
import { allResources, localeCookie } from '../../app/lib/i18n.server'
import { formatNumber } from '../../app/lib/intl'
import { RUYUAN_VILLAGES } from '../../app/lib/seed-data/ruyuan'
import CountyTown, { loader as countyTownLoader } from '../../app/routes/county/town'
import Completeness, { loader as completenessLoader } from '../../app/routes/shared/completeness'
import TownReports, { loader as townReportsLoader } from '../../app/routes/town/reports'
import { createTestDb } from '../support/test-db'
import { BASE, cookieFor, orgIdOf } from '../support/sessions'

const RUYUAN = () => orgIdOf('county.admin@ruyuan.demo')
const RUCHENG = () => orgIdOf('rucheng.admin@ruyuan.demo')

/** The page at `url` as `email` sees it in `locale`, as text (tags dropped), with its loader's data. */
async function page<T>(route: { path: string; loader: (args: LoaderFunctionArgs) => Promise<T>; Component: ComponentType }, email: string, url: string, locale: Locale = 'zh-CN') {
  const handler = createStaticHandler([{ id: 'page', path: route.path, loader: route.loader as never, Component: route.Component }])
  const lng = (await localeCookie.serialize(locale)).split(';')[0]
  const context = await handler.query(new Request(`${BASE}${url}`, { headers: { Cookie: `${await cookieFor(email)}; ${lng}` } }))
  if (context instanceof Response) throw new Error(`${url}: ${context.status}`)
  expect(context.errors, url).toBeNull()
  const router = createStaticRouter(handler.dataRoutes, context)
  const html = renderToString(createElement(I18nextProvider, { i18n: i18nInstance(locale, allResources) }, createElement(StaticRouterProvider, { router, context, hydrate: false })))
  return { data: context.loaderData.page as Awaited<T>, text: html.replace(/<!-- -->/g, '').replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/\s+/g, ' ') }
}

beforeAll(async () => {
  await createTestDb()
})
afterAll(closeDb)

describe('figures', () => {
  it('group thousands on the completeness page and give every rate one decimal (QA: "1150" beside the dashboard’s "87,590", "93%" beside "98.3%")', async () => {
    const route = { path: '/county/:orgId/completeness', loader: completenessLoader, Component: Completeness }
    for (const locale of ['zh-CN', 'en'] as const) {
      const { data, text } = await page(route, 'county.admin@ruyuan.demo', `/county/${RUYUAN()}/completeness?from=2024-11&to=2026-11`, locale)
      expect(data.total.expected).toBeGreaterThan(999)
      const label = locale === 'en' ? 'Expected' : '应报'
      expect(text).toContain(`${label} ${formatNumber(data.total.expected, locale)} `)
      expect(text).not.toContain(`${label} ${data.total.expected} `)
      const rates = text.match(/[\d.]+%/g) ?? []
      expect(rates.length).toBeGreaterThan(10)
      expect(rates.filter((r) => !/^\d{1,3}\.\d%$/.test(r)), locale).toEqual([])
    }
  })

  it('group thousands in a town’s villages as on the village page (QA: 户数 "1845", 人口 "5616")', async () => {
    const route = { path: '/county/:orgId/towns/:townId', loader: countyTownLoader, Component: CountyTown }
    const { text } = await page(route, 'county.admin@ruyuan.demo', `/county/${RUYUAN()}/towns/${RUCHENG()}`)
    const community = RUYUAN_VILLAGES.find((v) => v.name === '乳城示例社区01')!
    expect(text).toContain(`${formatNumber(community.households, 'zh-CN')} ${formatNumber(community.population, 'zh-CN')}`)
    expect(text).toContain('1,845 5,616')
    expect(text).not.toContain('1845')
  })
})

describe('a register past its last page', () => {
  it('says the page is past the end and links to the last page, instead of "nothing matches" (QA: page=99 of the review queue)', async () => {
    const route = { path: '/town/:orgId/reports', loader: townReportsLoader, Component: TownReports }
    const { data, text } = await page(route, 'rucheng.admin@ruyuan.demo', `/town/${RUCHENG()}/reports?state=all&page=99`)
    expect(data.total).toBeGreaterThan(0)
    expect(data.reports).toEqual([])
    const last = Math.ceil(data.total / 50)
    expect(text).toContain(`第 99 页已超出末页：共 ${last} 页。 转到最后一页（第 ${last} 页）`)
    expect(text).not.toContain('没有符合条件的报告')
    const en = await page(route, 'rucheng.admin@ruyuan.demo', `/town/${RUCHENG()}/reports?state=all&page=99`, 'en')
    expect(en.text).toContain(`Page 99 is past the end: there ${last === 1 ? 'is 1 page' : `are ${last} pages`}. Go to the last page (page ${last})`)
    // nothing at all: the register says so, and no pager
    const none = await page(route, 'rucheng.admin@ruyuan.demo', `/town/${RUCHENG()}/reports?state=reopened&period=2000-01&page=99`)
    expect(none.data.total).toBe(0)
    expect(none.text).toContain('没有符合条件的报告')
    expect(none.text).not.toContain('超出末页')
  })
})
