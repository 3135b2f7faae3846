// Query parameters become PostgreSQL's text input here, before either driver
// sees them, so that a value means the same on PGlite and on a server. Left
// to themselves the drivers differ: pg writes a Date in the process's local
// time zone and turns a JavaScript array into a PostgreSQL array even for a
// jsonb parameter, while PGlite serializes by the type the server infers.
export type TextParam = string | null

function scalar(value: unknown, where: string): string {
  switch (typeof value) {
    case 'string':
      return value
    case 'number':
    case 'bigint':
      return String(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object': {
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new TypeError(`${where} is an invalid Date`)
        return value.toISOString()
      }
      if (ArrayBuffer.isView(value)) throw new TypeError(`${where} is binary data: bytea parameters are not supported`)
      return JSON.stringify(value)
    }
    default:
      throw new TypeError(`${where} is a ${typeof value}, which has no PostgreSQL value`)
  }
}

// Every element is quoted, so that no text (a comma, a brace, the word NULL)
// can be read as array syntax; nested arrays make more dimensions.
function arrayLiteral(values: readonly unknown[], where: string): string {
  const items = values.map((item, i) => {
    const at = `${where}[${i}]`
    if (item === null) return 'NULL'
    if (item === undefined) throw new TypeError(`${at} is undefined: pass null for NULL`)
    if (Array.isArray(item)) return arrayLiteral(item, at)
    return `"${scalar(item, at).replace(/[\\"]/g, (c) => `\\${c}`)}"`
  })
  return `{${items.join(',')}}`
}

export function toTextParams(values: readonly unknown[]): TextParam[] {
  return values.map((value, i) => {
    const where = `parameter $${i + 1}`
    if (value === null) return null
    if (value === undefined) throw new TypeError(`${where} is undefined: pass null for NULL`)
    return Array.isArray(value) ? arrayLiteral(value, where) : scalar(value, where)
  })
}
