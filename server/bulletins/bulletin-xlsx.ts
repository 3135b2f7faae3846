// A bulletin as an XLSX workbook (write-excel-file, as the desk's exports):
// one sheet per table of bulletin-tables.ts, a bold header row kept in view,
// numbers as numbers with their format (a rate as a percent), so that a
// reader can sort and sum them.
import writeXlsxFile, { type Cell, type Sheet } from 'write-excel-file/node'
import type { Bulletin } from '../../schemas/bulletins.ts'
import { bulletinTables, type TableCell } from './bulletin-tables.ts'
import type { Speaker } from './bulletin-words.ts'

function cellOf(c: TableCell): Cell {
  if (c.value === null) return null
  if (typeof c.value === 'number') return { value: c.value, type: Number, ...(c.format ? { format: c.format } : {}) }
  return { value: c.value, type: String }
}

export async function bulletinXlsx(b: Bulletin, s: Speaker): Promise<Buffer> {
  const used = new Set<string>()
  const sheets = bulletinTables(b, s).map((t): Sheet<Buffer> => {
    // Sheet names are unique in a workbook and may not hold : \ / ? * [ ].
    let name = t.sheet.replace(/[:\\/?*[\]]/g, ' ')
    for (let n = 2; used.has(name); n++) name = `${t.sheet.slice(0, 28)} ${n}`
    used.add(name)
    const header = t.columns.map((c): Cell => ({ value: c, type: String, fontWeight: 'bold' }))
    return { data: [header, ...t.rows.map((row) => row.map(cellOf))], sheet: name, stickyRowsCount: 1, columns: t.widths.map((w) => ({ width: Math.max(8, w * 1.4) })) }
  })
  return writeXlsxFile(sheets).toBuffer()
}
