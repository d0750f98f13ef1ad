import { describe, expect, it } from 'vitest'
import { csvField, csvResponse, neutraliseFormula, toCsv } from './csv.server'

describe('CSV (csv.server.ts)', () => {
  it('starts with the byte-order mark and ends every row with CRLF', () => {
    expect(toCsv([['村', '人数'], ['云门村', 3]])).toBe('\uFEFF村,人数\r\n云门村,3\r\n')
    expect(toCsv([])).toBe('\uFEFF')
  })

  it('quotes fields holding a comma, a quote or a line break (RFC 4180), and only those', () => {
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('他说"好"')).toBe('"他说""好"""')
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"')
    expect(csvField('a\r\nb')).toBe('"a\r\nb"')
    expect(csvField('走访 5 户；送温暖')).toBe('走访 5 户；送温暖')
  })

  it('writes numbers as they are and empty cells as nothing', () => {
    expect(csvField(12)).toBe('12')
    expect(csvField(-3)).toBe('-3')
    expect(csvField(3000.5)).toBe('3000.5')
    expect(csvField(null)).toBe('')
    expect(csvField(undefined)).toBe('')
    expect(csvField(Number.NaN)).toBe('')
    expect(csvField('')).toBe('')
  })

  it('neutralises text a spreadsheet would take for a formula with a leading apostrophe', () => {
    for (const text of ['=1+1', '+86 139', '-5', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseFormula(text)).toBe(`'${text}`)
    for (const text of ['1+1', ' =1', "'=1", '云门村', '']) expect(neutraliseFormula(text)).toBe(text)
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"')
    expect(csvField('\r=1')).toBe('"\'\r=1"')
  })

  it('answers UTF-8 with the BOM as bytes, as an attachment with an ASCII and a UTF-8 name, never cached', async () => {
    const response = csvResponse({ text: toCsv([['云门村']]), filename: '乳城镇-走访日记.csv', asciiFilename: '440232101000-visit-diaries.csv', rows: 1 })
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="440232101000-visit-diaries.csv"; filename*=UTF-8''${encodeURIComponent('乳城镇-走访日记.csv')}`)
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(Number(response.headers.get('Content-Length'))).toBe(bytes.length)
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe('\uFEFF云门村\r\n')
  })
})
