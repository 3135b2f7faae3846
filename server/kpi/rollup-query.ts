// Reads the rollup tables for many periods at once: the periods are cut into
// disjoint minute segments, and one query sums every table per segment
// (plain sums grouped by segment, which ClickHouse plans and runs faster than
// a sumIf per period and column), so one scan of the covered minutes answers
// every window and comparison. Rows are summed with GROUP BY, never trusting
// SummingMergeTree merges to have happened. Table and column names
// come from the fixed RollupSource definitions; every value is a query
// parameter.
import type { ClickHouseClient } from '@clickhouse/client'
import { SumBook } from './measures.ts'
import { ceilMinute, coveringRanges, type Period } from './kpi-periods.ts'
import type { RollupSource } from './rollup-sources.ts'

type Params = Record<string, string | number>

/** DateTime('UTC') parameter text for an instant rounded up to its minute. */
const minuteParam = (ms: number) => new Date(ceilMinute(ms)).toISOString().slice(0, 19).replace('T', ' ')

function rangeFilter(periods: ReadonlyArray<Pick<Period, 'lo' | 'hi'>>, params: Params): string {
  const ranges = coveringRanges(periods).map((r, i) => {
    params[`rlo${i}`] = minuteParam(r.lo)
    params[`rhi${i}`] = minuteParam(r.hi)
    return `(minute >= {rlo${i}:DateTime('UTC')} AND minute < {rhi${i}:DateTime('UTC')})`
  })
  return `(${ranges.join(' OR ')})`
}

function periodConditions(periods: readonly Period[], params: Params): string[] {
  return periods.map((p, i) => {
    params[`lo${i}`] = minuteParam(p.lo)
    params[`hi${i}`] = minuteParam(p.hi)
    return `minute >= {lo${i}:DateTime('UTC')} AND minute < {hi${i}:DateTime('UTC')}`
  })
}

function regionFilter(source: RollupSource, region: string | null, params: Params): string {
  if (region === null) return ''
  params.region = region
  return ' AND region = {region:String}'
}

/** A stretch of whole minutes [lo, hi) that no other segment overlaps. */
export interface Segment {
  lo: number
  hi: number
}

/**
 * Cuts periods into disjoint segments at every period boundary, so that one
 * GROUP BY segment (plain sums) answers nested and overlapping periods alike:
 * a period's sums are those of the segments it is made of (`members`).
 */
export function segmentPeriods(periods: readonly Period[]): { segments: Segment[]; members: number[][] } {
  const spans = periods.map((p) => ({ lo: p.lo, hi: ceilMinute(p.hi) }))
  const cuts = [...new Set(spans.flatMap((s) => [s.lo, s.hi]))].sort((a, b) => a - b)
  const segments: Segment[] = []
  for (let i = 0; i + 1 < cuts.length; i++) {
    const seg = { lo: cuts[i], hi: cuts[i + 1] }
    if (spans.some((s) => s.lo <= seg.lo && seg.hi <= s.hi)) segments.push(seg)
  }
  const members = spans.map((s) => segments.flatMap((seg, i) => (s.lo <= seg.lo && seg.hi <= s.hi ? [i] : [])))
  return { segments, members }
}

/** One grouped row of a rollup: its segment, keys and sums. */
export interface RollupRow {
  seg: number
  keys: Record<string, string>
  sums: Record<string, number>
}

/**
 * One rollup's sums per segment and key, for the whole territory: rows a
 * scope folds into books (rowsToBooks), so one read serves the territory and
 * every region a screen watches.
 */
export async function rollupRows(client: ClickHouseClient, source: RollupSource, segments: readonly Segment[]): Promise<RollupRow[]> {
  if (segments.length === 0) return []
  const params: Params = {}
  // The WHERE keeps the segments' union (touching segments merged into one
  // range); within it a row belongs to the first segment, in order of their
  // ends, that ends after its minute (segments are disjoint). One bound a
  // segment rather than a pair, and fewer ranges: chDB plans the query a
  // fifth faster, and the live read runs every tick.
  segments.forEach((seg, i) => (params[`shi${i}`] = minuteParam(seg.hi)))
  const byEnd = segments.map((seg, i) => ({ seg, i })).sort((a, b) => a.seg.hi - b.seg.hi)
  const which = `multiIf(${byEnd.map(({ i }) => `minute < {shi${i}:DateTime('UTC')}, ${i}`).join(', ')}, -1)`
  const where = rangeFilter(segments, params)
  const result = await client.query({
    query: `SELECT ${which} AS seg, ${source.keys.map((k) => `toString(${k})`).join(', ')}, ${source.columns.map((c) => `toUInt64(sum(${c}))`).join(', ')}
      FROM ${source.table}
      WHERE ${where}
      GROUP BY seg, ${source.keys.join(', ')}`,
    query_params: params,
    format: 'JSONCompactEachRow',
  })
  const k = source.keys.length
  return (await result.json<Array<string | number>>()).map((row) => ({
    seg: Number(row[0]),
    keys: Object.fromEntries(source.keys.map((key, i) => [key, String(row[1 + i])])),
    sums: Object.fromEntries(source.columns.map((c, i) => [c, Number(row[1 + k + i])])),
  }))
}

/** A book per segment from rollup rows, all folded or, for a region, that region's only. */
export function rowsToBooks(source: RollupSource, rows: readonly RollupRow[], segments: number, region: string | null, into?: SumBook[]): SumBook[] {
  const books = into ?? Array.from({ length: segments }, () => new SumBook())
  for (const row of rows) {
    const book = books[row.seg]
    if (!book || (region !== null && row.keys.region !== region)) continue
    source.fold(book, row.keys, row.sums)
  }
  return books
}

/** Each period's book: the sums of its segments. */
export function booksOfPeriods(segmentBooks: readonly SumBook[], members: readonly number[][]): SumBook[] {
  return members.map((indices) => {
    const book = new SumBook()
    for (const i of indices) book.merge(segmentBooks[i])
    return book
  })
}

/**
 * Sums per step-sized bucket of each period (a trend series): result[p][b]
 * is bucket b of period p, bucket b starting at period.lo + b × step.
 */
export async function sumsByBucket(
  client: ClickHouseClient,
  source: RollupSource,
  periods: readonly Period[],
  stepMs: number,
  region: string | null,
): Promise<SumBook[][]> {
  const buckets = periods.map((p) => Array.from({ length: bucketCount(p, stepMs) }, () => new SumBook()))
  const params: Params = { step: stepMs / 1000 }
  const conditions = periodConditions(periods, params)
  periods.forEach((p, i) => (params[`los${i}`] = p.lo / 1000))
  const which = `multiIf(${conditions.map((c, i) => `${c}, ${i}`).join(', ')}, -1)`
  const start = `multiIf(${periods.map((_, i) => `p = ${i}, {los${i}:Int64}`).join(', ')}, 0)`
  const query = `SELECT ${which} AS p, intDiv(toInt64(toUnixTimestamp(minute)) - ${start}, {step:UInt32}) AS b,
      ${[...source.keys, ...source.columns.map((c) => `sum(${c})`)].join(', ')}
    FROM ${source.table}
    WHERE ${rangeFilter(periods, params)}${regionFilter(source, region, params)}
    GROUP BY p, b, ${source.keys.join(', ')}
    HAVING p >= 0`
  const result = await client.query({ query, query_params: params, format: 'JSONCompactEachRow' })
  for (const row of await result.json<Array<string | number>>()) {
    const book = buckets[Number(row[0])]?.[Number(row[1])]
    if (!book) continue
    const keys = Object.fromEntries(source.keys.map((k, i) => [k, String(row[2 + i])]))
    const base = 2 + source.keys.length
    source.fold(book, keys, Object.fromEntries(source.columns.map((c, j) => [c, Number(row[base + j])])))
  }
  return buckets
}

/** How many step buckets a period spans (the last one may be partial). */
export function bucketCount(period: Period, stepMs: number): number {
  return Math.max(0, Math.ceil((ceilMinute(period.hi) - period.lo) / stepMs))
}
