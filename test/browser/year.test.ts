/**
 * 年度工作数据 in the H5 build (issue 10, "Tests and targets"), as the
 * leader persona on the demo county: the page opens on the current Beijing
 * year, switches to 2025 and shows the review's figures, a figure opens its
 * drill-down (records by name) and the back button returns, and both
 * exports download under Chinese names; the .xlsx is opened with exceljs and
 * the .docx with jszip (word/document.xml), and three seed figures are
 * checked in each (the 2025 work review: 61 trips, 32 art shows, 1,260
 * training person-times; test/functions/year-figures.test.ts has them all).
 * Needs the development H5 build in dist/h5.
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import type { Page } from 'playwright-core'
import { CARE_MODE_STORAGE_KEY } from '../../src/core/care-mode'
import { beijing } from '../../src/core/time'
import { useH5App, visible } from './support/h5-app'

const app = useH5App()
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'year-files-'))

/** The review's figures checked in both files: name as on the page, value, unit. */
const seed = [
  { name: '视察调研', value: 61, unit: '次' },
  { name: '送文艺下乡', value: 32, unit: '次' },
  { name: '累计培训委员', value: 1260, unit: '人次' }
]

/** A figure's row on the visible year page. */
const row = (page: Page, name: string) => page.locator('.year-figure').filter({ visible: true }).filter({ has: page.locator('.year-figure__name', { hasText: new RegExp(`^${name}$`) }) })

async function download(page: Page, button: string, dir: string): Promise<{ name: string; file: string }> {
  const downloading = page.waitForEvent('download', { timeout: 60000 })
  await page.locator('.nut-button', { hasText: button }).filter({ visible: true }).first().click()
  const d = await downloading
  const file = path.join(dir, d.suggestedFilename())
  await d.saveAs(file)
  return { name: d.suggestedFilename(), file }
}

afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

test('a leader reads the year, switches to 2025, opens a drill-down and downloads both exports', async () => {
  const page = await app.newPage()
  const thisYear = beijing().year()
  await app.openAs(page, 'leader', 'year/index/index')
  await visible(page, `${thisYear}年（北京时间）各项数据，括号内为${thisYear - 1}年。点击一项查看背后的记录。`).waitFor({ timeout: 60000 })
  for (const group of ['协商议政', '民主监督', '提案', '社情民意', '凝聚共识', '委员履职', '平台建设']) expect(await visible(page, group).count()).toBeGreaterThan(0)
  // the charts are drawn by F2 on canvases
  expect(await page.locator('canvas.f2-chart__canvas').filter({ visible: true }).count()).toBeGreaterThanOrEqual(7)

  // 2025: the review's figures, with 2024 beside them
  await visible(page, '2025年').first().click()
  await visible(page, '2025年（北京时间）各项数据，括号内为2024年。点击一项查看背后的记录。').waitFor({ timeout: 60000 })
  for (const f of seed) await row(page, f.name).locator('.year-figure__value', { hasText: `${f.value}${f.unit}` }).waitFor({ timeout: 30000 })
  await app.screenshot(page, 'browser-year-2025')
  const text = (await page.locator('body').innerText()).replace(/\s+/g, '')
  expect(text).not.toMatch(/inspection_trips|art_show|undefined|NaN|oDemo/)

  // a drill-down: the trips by title, with places and dates, no ids
  await row(page, '送文艺下乡').click()
  await visible(page, '2025年 · 送文艺下乡活动').waitFor({ timeout: 30000 })
  await page.locator('.drill__list .list-row').filter({ visible: true }).first().waitFor({ timeout: 30000 })
  expect(await page.locator('.drill__list .list-row').filter({ visible: true }).count()).toBe(20)
  const drill = await page.locator('.drill__list').filter({ visible: true }).innerText()
  expect(drill).toMatch(/2025年\d{1,2}月\d{1,2}日/)
  expect(drill).not.toMatch(/oDemo|act-|_id/)
  await visible(page, '加载更多').click()
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.drill__list .list-row')).filter((e) => (e as HTMLElement).offsetParent !== null).length === 32, null, { timeout: 30000 })
  await app.screenshot(page, 'browser-year-drill')

  // back to the year page (the H5 back bar), still on 2025
  await page.locator('.page-shell__back').filter({ visible: true }).first().click()
  await row(page, '视察调研').locator('.year-figure__value', { hasText: '61次' }).waitFor({ timeout: 30000 })

  // .xlsx: one row per figure, the 2025 value in column 3
  const xlsx = await download(page, '导出 Excel', work)
  expect(xlsx.name).toBe('2025年度工作数据.xlsx')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(xlsx.file)
  const sheet = workbook.worksheets[0]
  expect(sheet.name).toBe('2025年工作数据')
  expect(sheet.getRow(1).getCell(3).value).toBe('2025年')
  const rows = new Map<string, unknown>()
  sheet.eachRow((r, n) => {
    if (n > 1) rows.set(String(r.getCell(2).value), r.getCell(3).value)
  })
  for (const f of seed) expect(rows.get(f.name)).toBe(f.value)

  // .docx 年度工作数据: the title and one line per figure
  const docx = await download(page, '导出 Word', work)
  expect(docx.name).toBe('2025年度工作数据.docx')
  const zip = await JSZip.loadAsync(fs.readFileSync(docx.file))
  const xml = await zip.file('word/document.xml')!.async('string')
  const words = xml.replace(/<[^>]+>/g, '')
  expect(words).toContain('2025年度工作数据')
  for (const f of seed) expect(words).toContain(`${f.name}：${f.value}${f.unit}`)

  expect(page.errors).toEqual([])
  await page.close()
})

/** What each visible chart drew, read from its canvas pixels (alpha > 60 is ink). */
interface ChartInk {
  title: string
  /** Canvas width in CSS px. */
  cssWidth: number
  /** Inked pixels in the outermost 2 CSS px columns, left and right: a label cut by the canvas edge leaves some. */
  edgeInk: number
  /** Right end (CSS px) of the ink in the lowest 30 CSS px: the bottom axis's labels. */
  labelsRight: number
  /** Inked pixels in that band. */
  labelInk: number
}

async function chartInk(page: Page): Promise<ChartInk[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.f2-chart'))
      .filter((w) => (w as HTMLElement).offsetParent !== null)
      .map((wrap) => {
        const title = wrap.querySelector('.f2-chart__title')?.textContent ?? ''
        const c = wrap.querySelector('canvas') as HTMLCanvasElement
        const dpr = c.width / c.clientWidth
        const { data, width, height } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height)
        const ink = (x: number, y: number) => data[(y * width + x) * 4 + 3] > 60
        const strip = Math.ceil(2 * dpr)
        let edgeInk = 0
        for (let y = 0; y < height; y++) for (let x = 0; x < strip; x++) edgeInk += (ink(x, y) ? 1 : 0) + (ink(width - 1 - x, y) ? 1 : 0)
        let right = -1
        let labelInk = 0
        for (let y = Math.max(0, height - Math.round(30 * dpr)); y < height; y++)
          for (let x = 0; x < width; x++)
            if (ink(x, y)) {
              labelInk++
              right = Math.max(right, x)
            }
        return { title, cssWidth: c.clientWidth, edgeInk, labelsRight: (right + 1) / dpr, labelInk }
      })
  )
}

/** Waits until every visible chart has drawn its axis labels. */
async function drawnCharts(page: Page): Promise<ChartInk[]> {
  const started = Date.now()
  for (;;) {
    const charts = await chartInk(page)
    if (charts.length >= 7 && charts.every((c) => c.labelInk > 0)) return charts
    if (Date.now() - started > 30000) throw new Error(`charts not drawn: ${JSON.stringify(charts)}`)
    await page.waitForTimeout(300)
  }
}

const modes = [
  { label: '375 px', width: 375, care: false },
  { label: '320 px', width: 320, care: false },
  { label: '320 px, care mode', width: 320, care: true }
]

for (const mode of modes) {
  test(`${mode.label}: no chart label is cut at the canvas edge; the value axis's last label is drawn inside`, async () => {
    const page = await app.newPage()
    await page.setViewportSize({ width: mode.width, height: 900 })
    await page.goto(`${app.url}/`)
    await page.evaluate(([key, on]) => (on ? localStorage.setItem(key, JSON.stringify({ data: 'on' })) : localStorage.removeItem(key)), [CARE_MODE_STORAGE_KEY, mode.care] as const)
    await app.openAs(page, 'leader', 'year/index/index')
    const thisYear = beijing().year()
    await visible(page, `${thisYear}年（北京时间）各项数据，括号内为${thisYear - 1}年。点击一项查看背后的记录。`).waitFor({ timeout: 60000 })
    const years = [thisYear, 2025]
    for (const year of years) {
      if (year !== thisYear) {
        await visible(page, `${year}年`).first().click()
        await visible(page, `${year}年（北京时间）各项数据，括号内为${year - 1}年。点击一项查看背后的记录。`).waitFor({ timeout: 60000 })
        await page.waitForTimeout(500)
      }
      const charts = await drawnCharts(page)
      for (const c of charts) {
        // nothing drawn in the outermost 2 px: no label runs into the edge and is cut there
        expect({ title: c.title, edgeInk: c.edgeInk }).toEqual({ title: c.title, edgeInk: 0 })
        // horizontal bars (this year and the last) and the months: the last bottom label sits at the plot's right end, inside the canvas
        if (/年与\d{4}年$|按月/.test(c.title)) {
          expect({ title: c.title, near: c.labelsRight > c.cssWidth - 30, inside: c.labelsRight <= c.cssWidth - 2 }).toEqual({ title: c.title, near: true, inside: true })
        }
      }
      expect(charts.filter((c) => /年与\d{4}年$/.test(c.title)).length).toBeGreaterThanOrEqual(5)
    }
    await page.locator('.f2-chart').filter({ visible: true }).first().scrollIntoViewIfNeeded()
    await app.screenshot(page, `browser-year-charts-${mode.width}${mode.care ? '-care' : ''}`)
    expect(page.errors).toEqual([])
    await page.close()
  })
}
