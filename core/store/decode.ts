// Result values are decoded here from PostgreSQL's text output, by type OID,
// for both drivers: each hands over the raw text (see the drivers), so the
// same column gives the same JavaScript value on PGlite and on a server.
// The drivers' own parsers differ (pg gives an int8 or a numeric as a
// string, PGlite an int8 as a number or a BigInt and a date as a Date).
import { parse as parseArray } from 'postgres-array'

export interface RawField {
  name: string
  dataTypeID: number
}

/** A result as the drivers give it: field descriptions and rows of text (null for NULL). */
export interface RawResult {
  fields: RawField[]
  rows: Array<Array<string | null>>
}

type Decoder = (text: string, column: string) => unknown

const number: Decoder = (text) => Number(text)

// Integers and decimals beyond 2^53 would silently lose digits as numbers.
const safeNumber =
  (type: string): Decoder =>
  (text, column) => {
    const n = Number(text)
    if (Math.abs(n) > Number.MAX_SAFE_INTEGER) {
      throw new RangeError(`column "${column}" (${type}) holds ${text}, beyond Number.MAX_SAFE_INTEGER: cast it to text in the query`)
    }
    return n
  }

const json: Decoder = (text) => JSON.parse(text)

// The ISO output of a timestamptz: 2024-05-01 10:00:00.123456+00, with an
// offset of hours, minutes and seconds in general and " BC" before year 1.
const TIMESTAMPTZ = /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))?([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?( BC)?$/

const timestamptz: Decoder = (text, column) => {
  const m = TIMESTAMPTZ.exec(text)
  if (!m) throw new RangeError(`column "${column}" (timestamptz) holds '${text}', which has no JavaScript Date`)
  const [, y, mo, d, h, mi, s, fraction = '', sign, oh, om = '0', os = '0', bc] = m
  const date = new Date(0)
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999. Year 1 BC is year 0.
  date.setUTCFullYear(bc ? 1 - Number(y) : Number(y), Number(mo) - 1, Number(d))
  date.setUTCHours(Number(h), Number(mi), Number(s), Number(fraction.padEnd(3, '0').slice(0, 3)))
  const offsetMs = (Number(oh) * 3600 + Number(om) * 60 + Number(os)) * 1000
  const time = date.getTime() - (sign === '+' ? offsetMs : -offsetMs)
  if (Number.isNaN(time)) throw new RangeError(`column "${column}" (timestamptz) holds '${text}', beyond the range of a JavaScript Date`)
  return new Date(time)
}

const arrayOf =
  (element: Decoder): Decoder =>
  (text, column) =>
    parseArray(text, (item) => element(item, column))

const asText: Decoder = (text) => text

// By type OID (pg_type.oid; fixed for built-in types). A type not listed
// keeps PostgreSQL's text output.
const BASE: Record<number, Decoder> = {
  16: (text) => text === 't', // bool
  20: safeNumber('int8'),
  21: number, // int2
  23: number, // int4
  26: number, // oid
  114: json,
  700: number, // float4
  701: number, // float8
  1184: timestamptz,
  1700: safeNumber('numeric'),
  3802: json, // jsonb
}

const ARRAYS: Record<number, Decoder> = {
  1000: arrayOf(BASE[16]),
  1016: arrayOf(BASE[20]),
  1005: arrayOf(BASE[21]),
  1007: arrayOf(BASE[23]),
  1028: arrayOf(BASE[26]),
  199: arrayOf(json),
  1021: arrayOf(BASE[700]),
  1022: arrayOf(BASE[701]),
  1185: arrayOf(timestamptz),
  1231: arrayOf(BASE[1700]),
  3807: arrayOf(json),
  // Arrays of types read as text: text, name, bpchar, varchar, date, timestamp, uuid.
  1009: arrayOf(asText),
  1003: arrayOf(asText),
  1014: arrayOf(asText),
  1015: arrayOf(asText),
  1182: arrayOf(asText),
  1115: arrayOf(asText),
  2951: arrayOf(asText),
}

const DECODERS: Record<number, Decoder> = { ...BASE, ...ARRAYS }

export function decodeRows<T>(result: RawResult): T[] {
  const names = result.fields.map((f) => f.name)
  const duplicate = names.find((name, i) => names.indexOf(name) !== i)
  // Rows are objects keyed by column name: a second column of the same name would silently replace the first.
  if (duplicate !== undefined) throw new Error(`the query returns two columns named "${duplicate}": give one of them an alias`)
  const decoders = result.fields.map((f) => DECODERS[f.dataTypeID] ?? asText)
  return result.rows.map((row) => {
    const object: Record<string, unknown> = {}
    for (let i = 0; i < names.length; i++) {
      const text = row[i]
      object[names[i]] = text === null ? null : decoders[i](text, names[i])
    }
    return object as T
  })
}
