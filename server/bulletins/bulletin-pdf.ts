// A bulletin as a PDF (pdfkit): A4 landscape for print, the title and
// period, then every table of bulletin-tables.ts, a KPI's value coloured by
// the status the server judged. Chinese needs a font with its glyphs
// (BULLETIN_FONT, Noto Sans CJK from Debian's fonts-noto-cjk by default); it
// is embedded as a subset of the characters used.
import { existsSync } from 'node:fs'
import PDFDocument from 'pdfkit'
import type { Bulletin } from '../../schemas/bulletins.ts'
import type { KpiStatus } from '../../schemas/kpis.ts'
import type { BulletinConfig } from './bulletin-config.ts'
import { bulletinTables, type BulletinTable } from './bulletin-tables.ts'
import type { Speaker } from './bulletin-words.ts'

/** The configured font is not there: what to install or set. */
export class FontMissingError extends Error {}

const MARGIN = 36
const ROW = 13
const SIZE = 7.5
const INK = '#1b2430'
const MUTED = '#5b6775'
const RULE = '#c9d1db'
const HEAD = '#e8edf3'
const STATUS_INK: Record<KpiStatus, string> = { green: '#1e7b45', amber: '#a35f00', red: '#b3261e', none: INK }
/** Tables are long in a weekly bulletin; the PDF lists this many rows of the long ones (the XLSX has all). */
const PDF_ROWS = 25

export function checkFont(font: BulletinConfig['font']): void {
  if (!existsSync(font.path)) {
    throw new FontMissingError(
      `the PDF font ${font.path} is missing: install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk), or set BULLETIN_FONT to a TTF/OTF/TTC file with Chinese glyphs (and BULLETIN_FONT_NAME to the PostScript name of its face in a collection)`,
    )
  }
}

function table(doc: PDFKit.PDFDocument, t: BulletinTable, s: Speaker): void {
  const left = MARGIN
  const width = doc.page.width - 2 * MARGIN
  const total = t.widths.reduce((a, b) => a + b, 0)
  const widths = t.widths.map((w) => (w / total) * width)
  const bottom = doc.page.height - MARGIN
  const row = (cells: Array<{ text: string; ink: string }>, fill: string | null) => {
    if (doc.y + ROW > bottom) doc.addPage()
    const y = doc.y
    if (fill) doc.rect(left, y, width, ROW).fill(fill)
    let x = left
    cells.forEach((c, i) => {
      doc.fillColor(c.ink).fontSize(SIZE).text(c.text, x + 2, y + 3, { width: widths[i] - 4, height: ROW - 2, lineBreak: false, ellipsis: true })
      x += widths[i]
    })
    doc.moveTo(left, y + ROW).lineTo(left + width, y + ROW).lineWidth(0.4).strokeColor(RULE).stroke()
    doc.x = left
    doc.y = y + ROW
  }
  if (doc.y + 3 * ROW + 18 > bottom) doc.addPage()
  doc.moveDown(0.6).fillColor(INK).fontSize(11).text(t.title, left, doc.y)
  doc.moveDown(0.3)
  if (t.columns.some((c) => c !== '')) row(t.columns.map((c) => ({ text: c, ink: INK })), HEAD)
  if (t.rows.length === 0) {
    doc.fillColor(MUTED).fontSize(SIZE + 1).text(s.w.none, left, doc.y + 3)
    return
  }
  const shown = t.rows.length > PDF_ROWS + 1 ? t.rows.slice(0, PDF_ROWS) : t.rows
  for (const cells of shown) row(cells.map((c) => ({ text: c.text, ink: STATUS_INK[c.status ?? 'none'] })), null)
  if (shown.length < t.rows.length) doc.fillColor(MUTED).fontSize(SIZE).text(s.w.more(t.rows.length - shown.length), left, doc.y + 3)
}

export async function bulletinPdf(b: Bulletin, s: Speaker, font: BulletinConfig['font']): Promise<Buffer> {
  checkFont(font)
  const title = s.title(b)
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: MARGIN, info: { Title: `${title} ${b.period_start}`, Author: s.w.bulletin } })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve)
    doc.on('error', reject)
  })
  doc.registerFont('body', font.path, font.name)
  doc.font('body')
  doc.fillColor(INK).fontSize(18).text(title)
  doc.fillColor(MUTED).fontSize(10).text(`${s.w.period(b.period_start, b.period_end)} · ${b.time_zone} · ${s.w.generated(s.instant(b.generated_at, b.time_zone), b.generated_by)}`)
  for (const t of bulletinTables(b, s)) table(doc, t, s)
  doc.end()
  await ended
  return Buffer.concat(chunks)
}
