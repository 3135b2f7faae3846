// A drill-down list written as a file: CSV (UTF-8 with a byte-order mark, so
// that Excel opens Chinese text as Chinese rather than guessing a code page)
// or XLSX (write-excel-file). Every list's export goes through here, so the
// columns of a file are the columns of its list, in the same order.
import writeXlsxFile from 'write-excel-file/node'

export type ExportFormat = 'csv' | 'xlsx'
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const

export type Cell = string | number | boolean | null

export interface ExportTable {
  /** The file's name without extension, e.g. `workorders`. */
  name: string
  columns: readonly string[]
  rows: ReadonlyArray<Record<string, Cell>>
}

const BOM = '\uFEFF'

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvField(value: Cell): string {
  if (value === null) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function toCsv(table: ExportTable): string {
  const lines = [table.columns.map(csvField).join(',')]
  for (const row of table.rows) lines.push(table.columns.map((c) => csvField(row[c] ?? null)).join(','))
  return `${BOM}${lines.join('\r\n')}\r\n`
}

export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const header = table.columns.map((c) => ({ value: c, fontWeight: 'bold' as const }))
  const body = table.rows.map((row) =>
    table.columns.map((c) => {
      const value = row[c] ?? null
      if (value === null) return null
      if (typeof value === 'number') return { value, type: Number }
      if (typeof value === 'boolean') return { value, type: Boolean }
      return { value, type: String }
    }),
  )
  return writeXlsxFile([header, ...body], { sheet: table.name, stickyRowsCount: 1 }).toBuffer()
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** The file's bytes and the headers to send it with. */
export async function exportFile(table: ExportTable, format: ExportFormat): Promise<{ body: string | Buffer; headers: Record<string, string> }> {
  const body = format === 'csv' ? toCsv(table) : await toXlsx(table)
  return {
    body,
    headers: {
      'content-type': CONTENT_TYPES[format],
      'content-disposition': `attachment; filename="${table.name}.${format}"`,
      'x-total-count': String(table.rows.length),
    },
  }
}
