import fs from 'node:fs'
import type { ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { i18nInstance, type Locale } from '~/lib/i18n'
import { allResources } from '~/lib/i18n.server'
import type { Completeness } from '~/domain/monthly-reports/completeness.server'
import { CountsTable } from './counts-table'
import { Heatmap } from './heatmap'
import { RangeCutNotice } from './range-filter'
import { CompletenessTotals } from './totals'

const render = (node: ReactNode, locale: Locale = 'zh-CN') => renderToString(<I18nextProvider i18n={i18nInstance(locale, allResources)}>{node}</I18nextProvider>)
/** The text a reader sees (and a screen reader hears), tags dropped. */
const text = (html: string) => html.replace(/<!-- -->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

// The county's default page as QA saw it on 2026-11-29: three closed months, November due 12月5日.
const month = (period: string, due_on: string, pending: boolean, expected: number, submitted: number, on_time: number, approved: number) => ({
  period,
  due_on,
  pending,
  expected,
  submitted,
  on_time,
  late: submitted - on_time,
  approved,
  missing: expected - submitted,
})
const BY_MONTH: Completeness['byMonth'] = [
  month('2026-08-01', '2026-09-05', false, 115, 113, 107, 110),
  month('2026-09-01', '2026-10-05', false, 115, 112, 106, 105),
  month('2026-10-01', '2026-11-05', false, 115, 106, 97, 79),
  month('2026-11-01', '2026-12-05', true, 115, 0, 0, 0),
]
const DUE_TOTAL = { expected: 345, submitted: 331, on_time: 310, late: 21, approved: 294, missing: 14 }

describe('the headline figures', () => {
  it('count the months that are due, and show the month not due yet apart', () => {
    const html = text(render(<CompletenessTotals range={{ from: '2026-08-01', to: '2026-11-01' }} counted={{ from: '2026-08-01', to: '2026-10-01' }} total={DUE_TOTAL} byMonth={BY_MONTH} />))
    expect(html).toContain('合计（2026年8月 至 2026年10月）')
    expect(html).toContain('应报 345 已报送 331 已通过 294 按时 310 迟报 21 未报 14 完整率 95.9% 及时率 89.9%')
    expect(html).toContain('2026年11月的报告尚未到截止日')
    expect(html).toContain('2026年11月报送进度（截止日 12月5日，尚未到期） 应报 115 已报送（截至今天） 0 已通过 0 尚未报送 115')
    expect(html).not.toContain('未报 115')
  })

  it('give no rate when no month of the range is due yet', () => {
    const html = text(render(<CompletenessTotals range={{ from: '2026-11-01', to: '2026-11-01' }} counted={null} total={{ expected: 0, submitted: 0, on_time: 0, late: 0, approved: 0, missing: 0 }} byMonth={BY_MONTH.slice(3)} />, 'en'))
    expect(html).toContain('No report of the chosen months is due yet')
    expect(html).not.toContain('0%')
    expect(html).toContain('November 2026 so far (due 5 Dec, not due yet) Expected 115 Submitted so far 0')
  })

  it('group thousands and give every rate one decimal, as the dashboard does', () => {
    // a county over two years (QA: "1150" beside the dashboard's "87,590", "93%" beside "98.3%")
    const total = { expected: 2760, submitted: 2567, on_time: 2400, late: 167, approved: 2400, missing: 193 }
    const zh = text(render(<CompletenessTotals range={{ from: '2024-11-01', to: '2026-10-01' }} counted={{ from: '2024-11-01', to: '2026-10-01' }} total={total} byMonth={[]} />))
    expect(zh).toContain('应报 2,760 已报送 2,567 已通过 2,400 按时 2,400 迟报 167 未报 193 完整率 93.0% 及时率 87.0%')
    const pending = [month('2026-11-01', '2026-12-05', true, 1150, 1003, 0, 0)]
    const en = text(render(<CompletenessTotals range={{ from: '2026-11-01', to: '2026-11-01' }} counted={null} total={{ expected: 0, submitted: 0, on_time: 0, late: 0, approved: 0, missing: 0 }} byMonth={pending} />, 'en'))
    expect(en).toContain('Expected 1,150 Submitted so far 1,003')
  })
})

describe('the counts tables', () => {
  it('show what came in for a month not due yet, but nothing missing and no rate', () => {
    const html = render(
      <CountsTable
        id="by-month"
        caption="按月统计"
        rowHeader="月份"
        rows={BY_MONTH.map((m) => ({ key: m.period, label: m.period, counts: m, pending: m.pending }))}
        total={DUE_TOTAL}
        totalLabel="合计（已到截止日的月份）"
      />,
    )
    const rows = html.split('<tr').slice(1).map(text)
    expect(rows[3]).toContain('2026-10-01 115 106 79 97 9 9 92.2%')
    expect(rows[4]).toContain('2026-11-01 115 0 0 0 0 — 未到截止日，不统计 — 未到截止日，不统计 — 未到截止日，不统计')
    expect(rows[4]).not.toContain('%')
    expect(rows[5]).toContain('合计（已到截止日的月份） 345 331 294 310 21 14 95.9% 89.9%')
  })

  it('group thousands in every count and give whole rates a decimal too', () => {
    const counts = { expected: 1150, submitted: 1150, on_time: 1069, late: 81, approved: 1100, missing: 0 }
    const rows = render(<CountsTable id="by-child" caption="各镇" rowHeader="镇" rows={[{ key: 't', label: '乳城镇', counts }]} total={counts} />, 'en')
      .split('<tr')
      .slice(1)
      .map(text)
    expect(rows[1]).toContain('乳城镇 1,150 1,150 1,100 1,069 81 0 100.0% 93.0%')
  })
})

describe('the month range', () => {
  it('says which months it shows when the range asked for was too long', () => {
    const range = { from: '2025-11-01', to: '2026-11-01' }
    const cut = { from: '2024-11-01', to: '2026-11-01' }
    expect(text(render(<RangeCutNotice range={range} cut={cut} />))).toContain('所选的 2024年11月 至 2026年11月 共 25 个月，一页最多显示 13 个月，现显示最近的 2025年11月 至 2026年11月。')
    expect(text(render(<RangeCutNotice range={range} cut={cut} />, 'en'))).toContain('You chose November 2024 to November 2026, 25 months. A page shows at most 13 months, so only the latest are shown: November 2025 to November 2026.')
  })
})

describe('the heatmap', () => {
  const css = fs.readFileSync(new URL('./completeness.css', import.meta.url), 'utf8')
  /** The declarations of the rule whose selector list names this class. */
  const ruleOf = (selector: string) => new RegExp(`(?:^|[,}\\s])\\${selector}(?:[\\s,][^{]*)?\\{([^}]*)\\}`, 'm').exec(css)?.[1]?.trim()

  it('keeps its cells’ hidden descriptions inside its scroll container (a positioned one)', () => {
    const html = render(
      <Heatmap
        groups={[{ town: null, rows: [{ village: { id: 'v', name: '云门村', name_en: null }, cells: [['pending', null, null]] }] }]}
        months={['2026-11-01']}
        reportHref={(id) => `/r/${id}`}
      />,
    )
    expect(html).toMatch(/^<div class="table-wrap completeness-scroll" tabindex="0"><table class="table heatmap">/)
    expect(html).toContain('<span class="visually-hidden">云门村 2026年11月: 未到截止日</span>')
    expect(ruleOf('.completeness-scroll')).toBe('position: relative;')
  })

  it('colours returned and reopened reports differently', () => {
    const returned = ruleOf('.heatmap__cell--returned')
    const reopened = ruleOf('.heatmap__cell--reopened')
    expect(returned).toMatch(/background: #[0-9a-f]{6}/)
    expect(reopened).toMatch(/background: #[0-9a-f]{6}/)
    expect(reopened).not.toBe(returned)
  })
})
